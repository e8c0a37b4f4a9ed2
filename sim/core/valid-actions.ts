/**
 * The admissible actions of a state: every handler's candidates, as typed actions (for sampling)
 * and as sorted canonical strings (for the agent). Cached per state object — states are immutable.
 */
import { ACTION_HANDLERS } from './actions/action-table.ts';
import type { ActionContext, ActionHandler } from './actions/action-handler.ts';
import type { Action, ActionType } from './env-api.ts';
import type { WorldState } from './world-state.ts';

const HANDLERS = Object.values(ACTION_HANDLERS) as ActionHandler<ActionType>[];

/** Canonical text of an action. */
export function formatAction(action: Action): string {
  return (ACTION_HANDLERS[action.type] as ActionHandler<ActionType>).format(action);
}

export class ValidActionCache {
  private actionsState: WorldState | null = null;
  private actions: Action[] = [];
  private textsState: WorldState | null = null;
  private texts: string[] = [];

  /** Typed candidates in handler-table order (deterministic, unsorted). */
  actionsFor(ctx: ActionContext): Action[] {
    if (ctx.state !== this.actionsState) {
      const found: Action[] = [];
      for (const handler of HANDLERS) for (const action of handler.candidates(ctx)) found.push(action);
      this.actions = found;
      this.actionsState = ctx.state;
    }
    return this.actions;
  }

  /** Canonical strings, sorted by code unit (identical in every JS engine). */
  textsFor(ctx: ActionContext): string[] {
    if (ctx.state !== this.textsState) {
      this.texts = this.actionsFor(ctx).map(formatAction).sort();
      this.textsState = ctx.state;
    }
    return this.texts;
  }
}
