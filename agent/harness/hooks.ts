/** The lifecycle points where parts plug in, in the order the runner calls them. */
export const HOOKS = ['episode-start', 'step-start', 'before-model', 'after-model', 'before-action', 'after-action', 'step-end', 'episode-end'] as const;
/** One lifecycle point. */
export type HookName = (typeof HOOKS)[number];

/** What a turn carries between hooks; a part may change only the fields it declares per hook. */
export interface TurnState {
  /** Prompt sections by name (`goal`, `observation`, `history`, `notes`, `subgoal`, …). */
  sections: Record<string, string>;
  /** Instruction lines added to the system prompt (lessons, rules). */
  rules: string[];
  /** The action chosen for this step (canonical text once validated). */
  action: string | null;
  /** Free-text reasoning the selector produced, if any. */
  thought: string | null;
  /** Set by validators to send the selector back with feedback (reject-and-retry). */
  retry: { reason: string; feedback: string } | null;
  /** Control signals: which selector to use, whether to stop the episode. */
  control: { selector: string | null; stop: string | null };
  /**
   * The actions offered to the selector, when a part narrowed them (candidate shaping); null
   * offers every valid action. Prompt builders list these and selectors choose among them.
   */
  candidates: string[] | null;
}

/** A field of the turn, the unit of the part contract. */
export type TurnField = keyof TurnState;
export const TURN_FIELDS: readonly TurnField[] = ['sections', 'rules', 'action', 'thought', 'retry', 'control', 'candidates'];

/** A turn with nothing in it (the start of every step). */
export function emptyTurn(): TurnState {
  return { sections: {}, rules: [], action: null, thought: null, retry: null, control: { selector: null, stop: null }, candidates: null };
}

/** What the selector may choose from: the shaped candidates if a part set them, else every valid action. */
export function offeredActions(turn: Pick<TurnState, 'candidates'>, view: { validActions: readonly string[] }): readonly string[] {
  return turn.candidates && turn.candidates.length > 0 ? turn.candidates : view.validActions;
}
