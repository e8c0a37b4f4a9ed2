/**
 * Choosing the action of one step: before-model hooks, the prompt, the selector, after-model and
 * before-action hooks; when a validator sends the action back (`turn.retry`), again with its
 * feedback in the prompt — validators decide how often (their own `k`); `maxRetries` is only a cap.
 */
import type { LivePart } from './build-harness.ts';
import type { Selection, SelectContext } from './define-part.ts';
import { EpisodeStop, type EpisodeSession } from './episode-session.ts';
import { HarnessError } from './harness-error.ts';
import { offeredActions, type TurnState } from './hooks.ts';

/** Leaves the chosen action in `turn.action`. */
export async function chooseAction(session: EpisodeSession, turn: TurnState, maxRetries: number): Promise<void> {
  const selector = turn.control.selector ? session.parts.selectorNamed(turn.control.selector) : session.parts.selector;
  for (let attempt = 0; ; attempt += 1) {
    await session.runHook('before-model', turn);
    const { part, choice } = await decide(session, selector, turn, attempt);
    turn.action = choice.action;
    turn.thought = choice.thought ?? null;
    session.emit({ type: 'action-select', part, action: choice.action, thought: turn.thought, guessed: choice.guessed ?? false });
    await session.runHook('after-model', turn);
    turn.retry = null;
    await session.runHook('before-action', turn);
    if (!turn.retry || turn.control.stop) return;
    if (attempt >= maxRetries) {
      session.emit({ type: 'control', part: 'runner', signal: 'retry-cap', detail: `${maxRetries} retries used; applying "${turn.action}" as it is` });
      turn.retry = null;
      return;
    }
  }
}

/**
 * Who decides: when shaping left exactly one candidate there is nothing to choose (no model call);
 * the null chooser picks uniformly among what is offered; otherwise the selector asks the model.
 */
async function decide(session: EpisodeSession, selector: LivePart, turn: TurnState, attempt: number): Promise<{ part: string; choice: Selection }> {
  const offered = offeredActions(turn, session.view);
  if (turn.candidates && offered.length === 1) return { part: 'single-candidate', choice: { action: offered[0]! } };
  if (session.pick && offered.length > 0) {
    const index = session.pick(offered, `${session.episodeKey}|${session.step}|${attempt}`);
    return { part: 'null-chooser', choice: { action: offered[index]! } };
  }
  return { part: selector.name, choice: await select(session, selector, turn) };
}

/** Builds the prompt and asks the selector; either part throwing stops the episode as a part error. */
async function select(session: EpisodeSession, selector: LivePart, turn: TurnState): Promise<Selection> {
  const builder = session.parts.promptBuilder;
  const messages = await guarded(session, builder, 'build', async () => builder.instance.build!(turn, session.view));
  const context: SelectContext = { ...session.contextFor(selector, turn), messages };
  const before = JSON.stringify(turn);
  const selection = await guarded(session, selector, 'select', () => selector.instance.select!(context));
  // Selectors answer through their return value; the runner alone writes the turn.
  if (JSON.stringify(turn) !== before) throw new HarnessError(`selector '${selector.name}' changed the turn while selecting; return the action instead`, { part: selector.name, hook: 'select' });
  return selection;
}

async function guarded<T>(session: EpisodeSession, part: LivePart, hook: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EpisodeStop) throw error;
    const message = error instanceof Error ? error.message : String(error);
    session.emit({ type: 'part-error', part: part.name, hook, message });
    throw new EpisodeStop('part-error', `${part.name}: ${message}`);
  }
}
