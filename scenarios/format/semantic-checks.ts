/**
 * Checks that need the whole world: the simulator accepts it, every room and every piece of
 * furniture can be reached (closed doors count as passable: they can be opened; movable items too:
 * they can be pushed), the goal is not already true, it is not statically impossible (below, and
 * goal-contradictions.ts), and the step limit is not shorter than every plan (step-bound.ts).
 * Whether a goal can really be reached takes a search: `hearth scenarios solve`.
 */
import { compileWorld, DEFAULT_STEP_LIMIT, EXCLUSIVE_STATES, evaluateGoal, initialState, OBJECT_TYPES, RECEPTACLE_TYPES, STATE_TRANSFORMS, transformGiving, WorldSpecError, type Cell, type GoalNode, type ObjectSelector, type StateTransform, type WorldSpec } from '../../sim/index.ts';
import type { RawIssue } from './compile-scenario.ts';
import { exclusionReason, objectCandidates, receptacleCandidates, selectorText } from './goal-candidates.ts';
import { goalContradictions } from './goal-contradictions.ts';
import { minimumSteps } from './step-bound.ts';

const key = (cell: readonly number[]): string => `${cell[0]},${cell[1]}`;

export function semanticChecks(world: WorldSpec): RawIssue[] {
  let compiled;
  try {
    compiled = compileWorld(world);
  } catch (error) {
    if (error instanceof WorldSpecError) return [{ path: [], message: `the simulator rejects this world: ${error.problem} at ${error.path}` }];
    throw error;
  }
  const issues: RawIssue[] = [...reachability(world)];
  const state = initialState(compiled);
  if (evaluateGoal(world.goal, state) === 'success') issues.push({ path: ['goal', 'tree'], message: 'the goal is already true at the start; change the goal or the initial placement' });
  const impossible = [...impossibleGoal(world.goal, world, ['goal', 'tree']), ...goalContradictions(world)];
  issues.push(...impossible);
  if (impossible.length === 0) {
    const steps = minimumSteps(world, state);
    const limit = world.stepLimit ?? DEFAULT_STEP_LIMIT;
    if (steps > limit) {
      const what = world.stepLimit === undefined ? `the default step limit is ${limit}` : `stepLimit is ${limit}`;
      issues.push({ path: world.stepLimit === undefined ? ['goal', 'tree'] : ['stepLimit'], message: `every plan takes at least ${steps} steps (a go to, then a take and a put per object moved and one action per state added), but ${what}; allowed: a stepLimit of ${steps} or more. Raise stepLimit (the oracle's plan length plus room to explore is usual)` });
    }
  }
  return issues;
}

function reachability(world: WorldSpec): RawIssue[] {
  const furniture = new Set(world.receptacles.map((r) => key(r.cell)));
  const passable = (cell: Cell): boolean => {
    const char = world.map[cell[1]]?.[cell[0]];
    return char !== undefined && char !== '#' && !furniture.has(key(cell));
  };
  const reached = new Set([key(world.agent.cell)]);
  const queue: Cell[] = [world.agent.cell];
  for (let head = 0; head < queue.length; head++) {
    const [x, y] = queue[head]!;
    for (const next of [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]] as Cell[]) {
      if (!reached.has(key(next)) && passable(next)) {
        reached.add(key(next));
        queue.push(next);
      }
    }
  }
  const issues: RawIssue[] = [];
  for (const room of world.rooms) {
    if (!room.cells.some((cell) => reached.has(key(cell)))) issues.push({ path: ['layout', 'legend'], message: `room '${room.name}' cannot be reached from the agent's start: add a door ('+') in its wall` });
  }
  world.receptacles.forEach((receptacle, index) => {
    const [x, y] = receptacle.cell;
    const neighbours = [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]];
    if (!neighbours.some((cell) => reached.has(key(cell)))) issues.push({ path: ['furniture', index, 'cell'], message: `${receptacle.id} at [${receptacle.cell}] has no reachable free cell beside it: the agent could never use it` });
  });
  return issues;
}

/** "heat it (microwave or stoveburner)": the action and the appliance types that give a state. */
function howToGive(transform: StateTransform): string {
  const types = Object.keys(RECEPTACLE_TYPES).filter((type) => RECEPTACLE_TYPES[type]?.[transform.capability]);
  return `${transform.action} it (${types.join(' or ')})`;
}

/** Static impossibility of one leaf, or of every branch of an any-of (a `not` is never checked). */
function impossibleGoal(node: GoalNode, world: WorldSpec, path: (string | number)[]): RawIssue[] {
  if (node.type === 'all-of') return node.goals.flatMap((child, index) => impossibleGoal(child, world, [...path, 'goals', index]));
  if (node.type === 'any-of') {
    const each = node.goals.map((child, index) => impossibleGoal(child, world, [...path, 'goals', index]));
    return each.every((list) => list.length) ? each.flat() : [];
  }
  const issues: RawIssue[] = [];
  if ('object' in node) issues.push(...selectorNeeds(node.object, world, [...path, 'object']));
  if (node.type === 'count') {
    const matching = objectCandidates(node.object, world).length;
    if (matching < node.min) issues.push({ path: [...path, 'min'], message: `the goal needs ${node.min} matching objects but the scenario has only ${matching}` });
  }
  if (node.type === 'in' || node.type === 'count') {
    const places = receptacleCandidates(node.receptacle, world);
    if (places.length && !places.some((r) => RECEPTACLE_TYPES[r.type]?.holds)) {
      const holders = world.receptacles.filter((r) => RECEPTACLE_TYPES[r.type]?.holds).map((r) => r.id);
      issues.push({ path: [...path, 'receptacle'], message: `nothing can be put in/on ${selectorText(node.receptacle)}: a ${places[0]!.type} holds nothing; allowed: a receptacle that holds things (${holders.slice(0, 6).join(', ')}${holders.length > 6 ? ', …' : ''}). Name one of those` });
    }
  }
  if (node.type === 'examined-under-light' || node.type === 'light-on') {
    const lamps = world.receptacles.filter((r) => RECEPTACLE_TYPES[r.type]?.light).map((r) => r.id);
    if (!lamps.length) issues.push({ path, message: 'the goal needs a lamp (desklamp or floorlamp) but the scenario has none' });
    else if (node.type === 'light-on' && !receptacleCandidates(node.receptacle, world).some((r) => RECEPTACLE_TYPES[r.type]?.light)) {
      issues.push({ path: [...path, 'receptacle'], message: `light-on needs a lamp, but ${selectorText(node.receptacle)} is not one; allowed: ${lamps.join(', ')}. Name a lamp` });
    }
  }
  return issues;
}

function selectorNeeds(selector: ObjectSelector, world: WorldSpec, path: (string | number)[]): RawIssue[] {
  const issues: RawIssue[] = [];
  const candidates = objectCandidates(selector, world);
  const wanted = selector.states ?? [];
  const startsWith = (state: string): boolean => candidates.some((object) => object.states?.[state as keyof typeof object.states] === true);
  for (const [a, b] of EXCLUSIVE_STATES) {
    if (wanted.includes(a as never) && wanted.includes(b as never)) issues.push({ path: [...path, 'states'], message: `an object cannot be both ${a} and ${b} (${exclusionReason(a, b)}); keep one of the two states` });
  }
  for (const state of wanted) {
    const need = transformGiving(state);
    if (need && !startsWith(state)) {
      if (!world.receptacles.some((r) => RECEPTACLE_TYPES[r.type]?.[need.capability])) issues.push({ path: [...path, 'states'], message: `the goal needs a ${state} object, but nothing here can ${howToGive(need)}` });
      else if (candidates.length && !candidates.some((object) => OBJECT_TYPES[object.type]?.[need.property])) issues.push({ path: [...path, 'states'], message: `${candidates[0]!.type} cannot be ${need.participle}, and none starts ${state}; allowed states for it: ${allowedStates(candidates[0]!.type)}` });
    }
    if (state === 'dirty' && !startsWith('dirty')) issues.push({ path: [...path, 'states'], message: `nothing makes an object dirty, and no ${selectorText(selector)} starts dirty; remove 'dirty' or make one start dirty` });
    if (state === 'sliced') {
      if (!world.objects.some((object) => OBJECT_TYPES[object.type]?.knife)) issues.push({ path: [...path, 'states'], message: 'the goal needs a sliced object, but the scenario has no knife' });
      if (candidates.length && !candidates.some((object) => OBJECT_TYPES[object.type]?.sliceable)) issues.push({ path: [...path, 'states'], message: `${candidates[0]!.type} cannot be sliced` });
    }
  }
  return issues;
}

function allowedStates(type: string): string {
  const info = OBJECT_TYPES[type] ?? {};
  const states = Object.entries(STATE_TRANSFORMS).filter(([, t]) => info[t.property]).map(([state]) => state);
  if (info.sliceable) states.push('sliced');
  return states.join(', ') || 'none';
}
