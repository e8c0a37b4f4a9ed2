/**
 * The action handlers by kind: the one dispatch table for preconditions, effects, canonical text
 * and valid-action enumeration.
 */
import type { ActionType } from '../env-api.ts';
import type { ActionHandler } from './action-handler.ts';
import { closeHandler } from './close.ts';
import { examineHandler } from './examine.ts';
import { goToHandler } from './go-to.ts';
import { inventoryHandler } from './inventory.ts';
import { lookHandler } from './look.ts';
import { openHandler } from './open.ts';
import { pushHandler } from './push.ts';
import { putHandler } from './put.ts';
import { sliceHandler } from './slice.ts';
import { takeHandler } from './take.ts';
import { toggleHandler } from './toggle.ts';
import { cleanHandler, coolHandler, heatHandler } from './transform.ts';

export const ACTION_HANDLERS: { readonly [T in ActionType]: ActionHandler<T> } = {
  'go-to': goToHandler,
  take: takeHandler,
  put: putHandler,
  open: openHandler,
  close: closeHandler,
  toggle: toggleHandler,
  heat: heatHandler,
  cool: coolHandler,
  clean: cleanHandler,
  slice: sliceHandler,
  examine: examineHandler,
  push: pushHandler,
  look: lookHandler,
  inventory: inventoryHandler,
};

/** Looks up the handler of an action kind. */
export function handlerFor<T extends ActionType>(type: T): ActionHandler<T> {
  return ACTION_HANDLERS[type] as ActionHandler<T>;
}
