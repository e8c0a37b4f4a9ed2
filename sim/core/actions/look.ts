/** `look`: always succeeds; the feedback is the full description of the room and where you stand. */
import { describeSurroundings } from '../observe/observation-text.ts';
import type { ActionHandler } from './action-handler.ts';

export const lookHandler: ActionHandler<'look'> = {
  type: 'look',
  format: () => 'look',
  check: () => null,
  apply: (_action, ctx) => ({ ok: true, state: ctx.state, message: describeSurroundings(ctx.world, ctx.state, true) }),
  candidates: () => [{ type: 'look' }],
};
