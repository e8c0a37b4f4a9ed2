/**
 * Test support: seeded random walks, and random goal trees that a walk reaches. A goal is built
 * from the facts of the walk's state at step k — what became true (in/on, held, states, lit
 * lamps, counts) and what was true earlier but no longer is, the latter under `not` — shaped into all-of /
 * any-of / not trees that hold at step k. So the walk reaches the goal at step k or earlier, and
 * negations such as "no longer in the fridge" come up all the time.
 */
import fc from 'fast-check';
import { createEnvWithPhysics, createRng, HELD, RECEPTACLE_TYPES, stableStringify, typeOfId, type GoalNode, type WorldSpec, type WorldState } from '../../../sim/index.ts';

const IDLE = new Set(['look', 'inventory', 'close']);

export type GoalShape = { atom: { pick: number; changed: boolean } } | { gone: number[] } | { not: GoalShape } | { all: GoalShape[] } | { any: GoalShape[] };

/** Small trees, `not` as often as a plain leaf. */
export const goalShape: fc.Arbitrary<GoalShape> = fc.letrec<{ tree: GoalShape }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.record({ atom: fc.record({ pick: fc.nat(60), changed: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }) }) }), weight: 3 },
    { arbitrary: fc.record({ not: tie('tree') }), weight: 3 },
    // "None of these any more": negations only, the goals that name no place to go.
    { arbitrary: fc.record({ gone: fc.array(fc.nat(60), { minLength: 1, maxLength: 3 }) }), weight: 2 },
    { arbitrary: fc.record({ all: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }), weight: 2 },
    { arbitrary: fc.record({ any: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }), weight: 2 },
  ),
})).tree;

/**
 * The states of a walk of `steps` random admissible actions from the written start (index 0).
 * Each step picks an action kind first, then an action of that kind, so takes, puts and heats
 * are not drowned out by the many `go to`s; look, inventory and close are left out (they undo or
 * change nothing a goal can ask for).
 */
export function randomWalk(world: WorldSpec, seed: number, steps: number): WorldState[] {
  const env = createEnvWithPhysics('kinematic');
  env.reset({ scenario: world, seed: 0, stepLimit: steps + 1 });
  const rng = createRng(seed);
  const states = [env.getState()];
  for (let step = 1; step <= steps; step++) {
    const actions = env.validActionList().filter((a) => !IDLE.has(a.type));
    const kinds = [...new Set(actions.map((a) => a.type))];
    const kind = kinds[rng.nextInt(kinds.length)];
    const ofKind = actions.filter((a) => a.type === kind);
    env.step(ofKind[rng.nextInt(ofKind.length)]!);
    states.push(env.getState());
  }
  return states;
}

/** Steps after which an object moved or changed, or a lamp was switched: where goals are made. */
export function eventfulSteps(walk: readonly WorldState[]): number[] {
  return walk.flatMap((state, i) => (i > 0 && (state.objects !== walk[i - 1]!.objects || state.receptacles !== walk[i - 1]!.receptacles || state.examinedUnderLight !== walk[i - 1]!.examinedUnderLight) ? [i] : []));
}


/** Leaves that hold in a state: by id and by type. */
function facts(world: WorldSpec, state: WorldState): GoalNode[] {
  const found: GoalNode[] = [];
  const perPlace = new Map<string, number>();
  for (const [id, object] of Object.entries(state.objects)) {
    for (const selector of [{ id }, { type: typeOfId(id) }]) {
      if (object.location === HELD) found.push({ type: 'holding', object: selector });
      else found.push({ type: 'in', object: selector, receptacle: { id: object.location } }, { type: 'in', object: selector, receptacle: { type: typeOfId(object.location) } });
      for (const s of object.states) found.push({ type: 'has-state', object: { ...selector, states: [s] } });
    }
    if (object.location !== HELD) perPlace.set(`${typeOfId(id)}|${object.location}`, (perPlace.get(`${typeOfId(id)}|${object.location}`) ?? 0) + 1);
    if (state.examinedUnderLight.includes(id)) found.push({ type: 'examined-under-light', object: { id } });
  }
  for (const [key, count] of perPlace) {
    const [type, place] = key.split('|') as [string, string];
    if (count >= 2) found.push({ type: 'count', object: { type }, receptacle: { id: place }, min: count });
  }
  for (const r of world.receptacles) if (RECEPTACLE_TYPES[r.type]?.light && state.receptacles[r.id]?.on) found.push({ type: 'light-on', receptacle: { id: r.id } });
  return found;
}

/** A goal of this shape that holds at `walk[k]` (and maybe earlier). */
export function goalAt(shape: GoalShape, world: WorldSpec, walk: readonly WorldState[], k: number): GoalNode {
  const key = (node: GoalNode): string => stableStringify(node);
  const startKeys = new Set(facts(world, walk[0]!).map(key));
  const now = facts(world, walk[k]!);
  const nowKeys = new Set(now.map(key));
  // False at k: what held at the start or on the way and no longer does ("no longer held", "out of the fridge").
  const before = new Map(walk.slice(0, k).flatMap((state) => facts(world, state)).map((f) => [key(f), f]));
  const gone = [...before.values()].filter((f) => !nowKeys.has(key(f)));
  const pools = {
    true: { changed: now.filter((f) => !startKeys.has(key(f))), all: now },
    false: { changed: gone, all: gone },
  };
  // A leaf false at step k when there is none to pick: holding an object that is not held.
  const someFalse = (): GoalNode => {
    const object = Object.keys(walk[k]!.objects).find((id) => walk[k]!.objects[id]!.location !== HELD);
    return { type: 'holding', object: { id: object ?? world.objects[0]!.id } };
  };
  const build = (s: GoalShape, want: boolean): GoalNode => {
    if ('atom' in s) {
      const side = pools[want ? 'true' : 'false'];
      const pool = s.atom.changed && side.changed.length ? side.changed : side.all;
      return pool.length ? pool[s.atom.pick % pool.length]! : want ? { type: 'not', goal: someFalse() } : someFalse();
    }
    if ('gone' in s) {
      if (!want || gone.length === 0) return { type: 'not', goal: build({ atom: { pick: s.gone[0]!, changed: true } }, !want) };
      return { type: 'all-of', goals: s.gone.map((pick) => ({ type: 'not', goal: gone[pick % gone.length]! })) };
    }
    if ('not' in s) return { type: 'not', goal: build(s.not, !want) };
    const list = 'all' in s ? s.all : s.any;
    // all-of true / any-of false: every child so; all-of false / any-of true: the first one so, the others alternate.
    const every = 'all' in s === want;
    const goals = list.map((child, i) => build(child, every || i % 2 === 0 ? want : !want));
    return { type: 'all' in s ? 'all-of' : 'any-of', goals };
  };
  return build(shape, true);
}

/** A scenario from `houses` with a random goal made of facts its random walk really reaches (null when the walk changes nothing). */
export function walkedGoalScenario(houses: readonly WorldSpec[], walkSteps = 16): fc.Arbitrary<{ spec: WorldSpec; walk: WorldState[] } | null> {
  return fc.tuple(fc.nat(houses.length - 1), goalShape, fc.nat(), fc.nat()).map(([house, shape, seed, pick]) => {
    const walk = randomWalk(houses[house]!, seed, walkSteps);
    const steps = eventfulSteps(walk);
    if (steps.length === 0) return null;
    return { spec: { ...houses[house]!, goal: goalAt(shape, houses[house]!, walk, steps[pick % steps.length]!) }, walk };
  });
}
