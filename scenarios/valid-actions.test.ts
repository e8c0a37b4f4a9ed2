/**
 * The simulator's two views of what may be done agree: every action `step()` accepts is listed by
 * `validActions()`, and every listed one is accepted — except `go to` on a way that a closed door
 * or a movable shuts (the list offers every piece of furniture, as ALFWorld does, and the agent
 * finds a blocked way by trying: it may not see what blocks it). Checked in random states of the
 * library and of household-v1/-v2 members, over every action the house's names can make.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEnvWithPhysics, createRng, formatAction, type Action, type CompiledWorld, type WorldSpec } from '../sim/index.ts';
import { loadWorldOrThrow } from './format/load-scenario.ts';
import { loadSuite } from './suites/load-suite.ts';

const ROUTE_FAILURES = ['door-closed', 'path-blocked', 'unreachable'];

/** Every action over the house's names, sensible or not. */
function conceivableActions(world: CompiledWorld): Action[] {
  const objects = world.spec.objects.map((o) => o.id);
  const receptacles = world.receptacleIds;
  const doors = world.doorIds;
  const movables = world.spec.movables.map((m) => m.id);
  const things = [...receptacles, ...doors, ...objects, ...movables];
  const actions: Action[] = [{ type: 'look' }, { type: 'inventory' }];
  for (const target of things) actions.push({ type: 'go-to', target }, { type: 'open', target }, { type: 'close', target }, { type: 'toggle', target }, { type: 'examine', target }, { type: 'push', target });
  for (const object of objects) {
    for (const r of receptacles) actions.push({ type: 'take', object, from: r }, { type: 'put', object, into: r }, { type: 'heat', object, with: r }, { type: 'cool', object, with: r }, { type: 'clean', object, with: r });
    for (const knife of objects) actions.push({ type: 'slice', object, with: knife });
  }
  return actions;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const library = fs.readdirSync(path.join(here, 'library')).filter((f) => f.endsWith('.json')).sort().map((f) => loadWorldOrThrow(path.join(here, 'library', f)));
// The first 16 train members span houses of 1–4 rooms (four tasks per house).
const members = [...loadSuite('household-v1', { splits: ['train'], limit: 16 }), ...loadSuite('household-v2', { splits: ['train'], limit: 4 })].map((m) => m.world);
const worlds: WorldSpec[] = [...library, ...members];

/** Accepted and listed texts in the state a random walk of `steps` reaches; listed-but-refused ones with their reasons. */
function compare(spec: WorldSpec, seed: number, steps: number): { acceptedNotListed: string[]; listedRefused: string[] } {
  const env = createEnvWithPhysics('kinematic');
  env.reset({ scenario: spec, seed: 0, stepLimit: 1_000_000 });
  const rng = createRng(seed);
  for (let i = 0; i < steps && !env.step(env.sampleValidAction(rng)).terminated; i++);
  const state = env.getState();
  const listed = new Set(env.validActions());
  const accepted = new Set<string>();
  const refused = new Map<string, string>();
  for (const action of conceivableActions(env.getWorld())) {
    const result = env.step(action);
    if (result.info.success) {
      accepted.add(formatAction(action));
      env.restoreState(state);
    } else refused.set(formatAction(action), result.info.reason);
  }
  return {
    acceptedNotListed: [...accepted].filter((text) => !listed.has(text)),
    listedRefused: [...listed].filter((text) => !accepted.has(text) && !(text.startsWith('go to ') && ROUTE_FAILURES.includes(refused.get(text) ?? ''))).map((text) => `${text} → ${refused.get(text)}`),
  };
}

describe('step() and validActions() agree', () => {
  it('in random states of the library and of suite members: accepted ⇔ listed (go to on a shut way aside)', () => {
    fc.assert(
      fc.property(fc.nat(worlds.length - 1), fc.nat(), fc.nat(24), (index, seed, steps) => {
        const { acceptedNotListed, listedRefused } = compare(worlds[index]!, seed, steps);
        expect(acceptedNotListed, `${worlds[index]!.id} after ${steps} steps (seed ${seed})`).toEqual([]);
        expect(listedRefused, `${worlds[index]!.id} after ${steps} steps (seed ${seed})`).toEqual([]);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('a movable in another room is neither listed nor pushable, as the PDDL model says', () => {
    const spec = worlds.find((w) => w.id === 'household/box-in-hallway-v1')!;
    const env = createEnvWithPhysics('kinematic');
    env.reset({ scenario: spec, seed: 0 });
    const listed = env.validActions();
    for (const movable of spec.movables) {
      if (listed.includes(`push ${movable.id}`)) continue;
      expect(env.step(`push ${movable.id}`).info.reason).toBe('not-visible');
    }
  });
});
