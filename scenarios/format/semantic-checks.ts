/**
 * Checks that need the whole world: the simulator accepts it, every room and every piece of
 * furniture can be reached (closed doors count as passable: they can be opened; movable items too:
 * they can be pushed), the goal is not already true, and it is not statically impossible.
 */
import { compileWorld, evaluateGoal, initialState, OBJECT_TYPES, RECEPTACLE_TYPES, WorldSpecError, type Cell, type GoalNode, type ObjectSelector, type WorldSpec } from '../../sim/index.ts';
import type { RawIssue } from './compile-scenario.ts';

const key = (cell: readonly number[]): string => `${cell[0]},${cell[1]}`;
const typeOf = (id: string): string => id.split(' ')[0]!;

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
  issues.push(...impossibleGoal(world.goal, world, ['goal', 'tree']));
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
  while (queue.length) {
    const [x, y] = queue.shift()!;
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

const NEEDS: Record<string, { capability: 'heats' | 'cools' | 'cleans'; verb: string }> = {
  hot: { capability: 'heats', verb: 'heat it (microwave or stoveburner)' },
  cold: { capability: 'cools', verb: 'cool it (fridge)' },
  clean: { capability: 'cleans', verb: 'clean it (sinkbasin)' },
};

/** Static impossibility: a needed state with no appliance or tool, or more objects than exist. */
function impossibleGoal(node: GoalNode, world: WorldSpec, path: (string | number)[]): RawIssue[] {
  if (node.type === 'all-of') return node.goals.flatMap((child, index) => impossibleGoal(child, world, [...path, 'goals', index]));
  if (node.type === 'any-of') {
    const each = node.goals.map((child, index) => impossibleGoal(child, world, [...path, 'goals', index]));
    return each.every((list) => list.length) ? each.flat() : [];
  }
  const issues: RawIssue[] = [];
  if ('object' in node) issues.push(...selectorNeeds(node.object, world, [...path, 'object']));
  if (node.type === 'count') {
    const matching = world.objects.filter((object) => matches(node.object, object.id)).length;
    if (matching < node.min) issues.push({ path: [...path, 'min'], message: `the goal needs ${node.min} matching objects but the scenario has only ${matching}` });
  }
  if (node.type === 'examined-under-light' || node.type === 'light-on') {
    if (!world.receptacles.some((r) => RECEPTACLE_TYPES[r.type]?.light)) issues.push({ path, message: 'the goal needs a lamp (desklamp or floorlamp) but the scenario has none' });
  }
  return issues;
}

function matches(selector: ObjectSelector, id: string): boolean {
  return 'id' in selector ? selector.id === id : typeOf(id) === selector.type;
}

function selectorNeeds(selector: ObjectSelector, world: WorldSpec, path: (string | number)[]): RawIssue[] {
  const issues: RawIssue[] = [];
  const candidates = world.objects.filter((object) => matches(selector, object.id));
  for (const state of selector.states ?? []) {
    const need = NEEDS[state];
    if (need && !world.receptacles.some((r) => RECEPTACLE_TYPES[r.type]?.[need.capability])) {
      issues.push({ path: [...path, 'states'], message: `the goal needs a ${state} object, but nothing here can ${need.verb}` });
    }
    if (state === 'sliced') {
      if (!world.objects.some((object) => OBJECT_TYPES[object.type]?.knife)) issues.push({ path: [...path, 'states'], message: 'the goal needs a sliced object, but the scenario has no knife' });
      if (candidates.length && !candidates.some((object) => OBJECT_TYPES[object.type]?.sliceable)) issues.push({ path: [...path, 'states'], message: `${candidates[0]!.type} cannot be sliced` });
    }
  }
  return issues;
}
