/**
 * A part is a factory with a parameter schema. It declares its kind, the hooks it serves and, per
 * hook, which turn fields it may change; the runner checks that contract after every call.
 */
import type { z } from 'zod';
import type { ChatMessage, GenerateRequest, GenerateResult, ModelInfo, ScoreRequest, ScoreResult } from '../models/model-backend.ts';
import type { HarnessView } from './harness-view.ts';
import type { HookName, TurnField, TurnState } from './hooks.ts';
import type { TraceEventInput } from '../trace/trace-events.ts';
import type { HarnessEdit } from './harness-edits.ts';
import type { Capability } from '../../envs/protocol.ts';

export const PART_KINDS = ['summarizer', 'decomposer', 'prompt-builder', 'selector', 'validator', 'memory', 'control'] as const;
/** The slot kinds a part can fill. */
export type PartKind = (typeof PART_KINDS)[number];

/** The model as parts see it: every call is written to the trace as a `model-call` of the calling part. */
export interface RecordedModel {
  readonly info: ModelInfo;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  scoreChoices(request: ScoreRequest): Promise<ScoreResult>;
}

/** What a hook receives. `store` is the part's own memory for the episode. */
export interface HookContext {
  /** Frozen: what the agent observes, nothing more. */
  view: HarnessView;
  turn: TurnState;
  store: Record<string, unknown>;
  /** The spec's texts (lessons, exemplars …), written by people or by evolution; read-only here. */
  texts: Readonly<Record<string, string>>;
  /** Adds an event to the trace; the runner stamps the step. */
  emit(event: TraceEventInput): void;
  model: RecordedModel;
  /**
   * Asks the runner to play the rest of this episode with `edits` applied to the harness (a control
   * part's mid-task rewrite). Checked now; honoured between turns, from the next step on; the next
   * episode starts with the harness as it was. See `episode-rewrite.ts`.
   */
  rewrite(edits: readonly HarnessEdit[]): RewriteAnswer;
}

/** The runner's answer to a rewrite request: the id of the harness the episode will run with, or why the edits do not fit. */
export type RewriteAnswer = { accepted: true; harnessId: string } | { accepted: false; reason: string };

/** What a selector receives: a hook context plus the chat the prompt builder assembled. */
export interface SelectContext extends HookContext {
  messages: ChatMessage[];
}

/** A selector's answer. `guessed`: the model's text did not name a valid action and the parser picked the closest. */
export interface Selection {
  action: string;
  thought?: string;
  guessed?: boolean;
}

export type Hook = (context: HookContext) => void | Promise<void>;

/** A live part for one episode (created fresh for each `runEpisode` from its params). */
export interface PartInstance {
  hooks: Partial<Record<HookName, Hook>>;
  /** Selectors only: choose an action text (validated later). */
  select?(context: SelectContext): Promise<Selection>;
  /** Prompt builders only: turn sections and rules into chat messages. */
  build?(turn: TurnState, view: HarnessView): ChatMessage[];
}

/** A registered part: identity, parameter schema, contract and factory. */
export interface PartDefinition<P extends z.ZodType = z.ZodType> {
  kind: PartKind;
  name: string;
  description: string;
  params: P;
  /** Per hook, the turn fields the part may change there. Hooks not listed may change nothing. */
  mayChange: Partial<Record<HookName, readonly TurnField[]>>;
  create(params: z.infer<P>): PartInstance;
  /**
   * What the part reads beyond text (goal, observation, valid actions, feedback, score): e.g.
   * `['hearth-structure']` for a part that reads the goal tree or the observation JSON. A spec is
   * refused on an environment that lacks one, before any episode (`capabilities.ts`).
   */
  needs?: readonly Capability[];
  /**
   * Only for a part whose kind and contract are data (the sandboxed part, `sandbox/`): both come
   * from its validated params when a slot is built, and the runner checks that contract.
   */
  specialize?(params: z.infer<P>): Pick<PartDefinition, 'kind' | 'mayChange'>;
}

/** Declares a part (identity function that keeps the parameter type). */
export function definePart<P extends z.ZodType>(definition: PartDefinition<P>): PartDefinition<P> {
  return definition;
}
