/** `inventory`: always succeeds; says what the agent holds. */
import { withArticle } from '../english.ts';
import type { ActionHandler } from './action-handler.ts';

export const inventoryHandler: ActionHandler<'inventory'> = {
  type: 'inventory',
  format: () => 'inventory',
  check: () => null,
  apply(_action, ctx) {
    const { holding } = ctx.state.agent;
    const message = holding === null ? 'You are not carrying anything.' : `You are carrying: ${withArticle(holding)}.`;
    return { ok: true, state: ctx.state, message };
  },
  candidates: () => [{ type: 'inventory' }],
};
