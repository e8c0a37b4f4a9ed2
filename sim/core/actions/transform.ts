/**
 * Heat, cool and clean share one shape: hold O, stand at an appliance with the capability, and O
 * must be able to take the state. One factory builds the three handlers from the catalog's
 * STATE_TRANSFORMS rows.
 */
import { STATE_TRANSFORMS, type ObjectTypeInfo, type ReceptacleTypeInfo, type TransformedState } from '../catalog.ts';
import type { ObjectStateName } from '../world-spec.ts';
import { changeStates, withObject } from '../world-state.ts';
import { fail, NO_ACTIONS } from './action-handler.ts';
import type { ActionContext, ActionFailure, ActionHandler, ActionResult } from './action-handler.ts';
import { receptaclesWhere, requireAt, requireHolding, requireReceptacle } from './checks.ts';

interface TransformRow<T extends 'heat' | 'cool' | 'clean'> {
  type: T;
  capability: keyof ReceptacleTypeInfo & ('heats' | 'cools' | 'cleans');
  property: keyof ObjectTypeInfo & ('heatable' | 'coolable' | 'cleanable');
  adds: ObjectStateName;
  removes: ObjectStateName[];
  /** "heated", used in "cannot be heated". */
  participle: string;
}

type TransformAction<T> = { type: T; object: string; with: string };

function transformHandler<T extends 'heat' | 'cool' | 'clean'>(row: TransformRow<T>): ActionHandler<T> {
  type A = TransformAction<T>;
  const handler = {
    type: row.type,
    format: (action: A) => `${row.type} ${action.object} with ${action.with}`,
    check(action: A, ctx: ActionContext): ActionFailure | null {
      const tool = action.with;
      const unknown = requireReceptacle(ctx, tool);
      if (unknown) return unknown;
      if (!ctx.world.receptacles.get(tool)!.info[row.capability]) {
        const right = receptaclesWhere(ctx, (id) => ctx.world.receptacles.get(id)!.info[row.capability] === true);
        return fail('wrong-tool', `The ${tool} cannot ${row.type} things.${right ? ` Use ${right} instead.` : ''}`);
      }
      const failure = requireHolding(ctx, action.object) ?? requireAt(ctx, tool);
      if (failure) return failure;
      if (!ctx.world.objectInfo.get(action.object)?.[row.property]) return fail('wrong-tool', `The ${action.object} cannot be ${row.participle}.`);
      return null;
    },
    apply(action: A, ctx: ActionContext): ActionResult {
      const object = ctx.state.objects[action.object]!;
      const state = withObject(ctx.state, action.object, { ...object, states: changeStates(object.states, row.adds, row.removes) });
      return { ok: true, state, message: `You ${row.type} the ${action.object} using the ${action.with}. It is ${row.adds} now.` };
    },
    candidates(ctx: ActionContext): A[] {
      const { at, holding } = ctx.state.agent;
      if (at === null || holding === null || !ctx.world.receptacles.get(at)!.info[row.capability]) return NO_ACTIONS;
      if (!ctx.world.objectInfo.get(holding)?.[row.property]) return NO_ACTIONS;
      return [{ type: row.type, object: holding, with: at } as A];
    },
  };
  // The three kinds share one field layout, which TypeScript cannot see through ActionOf<T>.
  return handler as unknown as ActionHandler<T>;
}

function row<S extends TransformedState>(adds: S): TransformRow<(typeof STATE_TRANSFORMS)[S]['action']> {
  const { action, capability, property, removes, participle } = STATE_TRANSFORMS[adds];
  return { type: action, capability, property, adds, removes: [...removes], participle };
}

export const heatHandler = transformHandler(row('hot'));
export const coolHandler = transformHandler(row('cold'));
export const cleanHandler = transformHandler(row('clean'));
