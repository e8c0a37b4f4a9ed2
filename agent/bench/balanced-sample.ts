/** N scenarios taken round-robin over task types (first of each type, then second, …), so a sample stays balanced. */
import { taskTypeOf, type WorldSpec } from '../../sim/index.ts';

export function balancedSample<T extends WorldSpec>(scenarios: readonly T[], count: number): T[] {
  return balancedBy(scenarios, count, (scenario) => taskTypeOf(scenario) ?? '?');
}

/** The same round-robin for anything with a task type (e.g. suite manifest members, before building them). */
export function balancedBy<T>(items: readonly T[], count: number, typeOf: (item: T) => string): T[] {
  if (count >= items.length) return [...items];
  const byType = new Map<string, T[]>();
  for (const item of items) {
    const type = typeOf(item);
    byType.set(type, [...(byType.get(type) ?? []), item]);
  }
  const chosen: T[] = [];
  for (let round = 0; chosen.length < count; round += 1) {
    for (const list of byType.values()) if (list[round] && chosen.length < count) chosen.push(list[round]!);
  }
  return chosen;
}
