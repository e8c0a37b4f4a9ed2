/** N scenarios taken round-robin over task types (first of each type, then second, …), so a sample stays balanced. */
import type { WorldSpec } from '../../sim/index.ts';
import { taskTypeOf } from '../harness/run-episode.ts';

export function balancedSample<T extends WorldSpec>(scenarios: readonly T[], count: number): T[] {
  if (count >= scenarios.length) return [...scenarios];
  const byType = new Map<string, T[]>();
  for (const scenario of scenarios) {
    const type = taskTypeOf(scenario) ?? '?';
    byType.set(type, [...(byType.get(type) ?? []), scenario]);
  }
  const chosen: T[] = [];
  for (let round = 0; chosen.length < count; round += 1) {
    for (const list of byType.values()) if (list[round] && chosen.length < count) chosen.push(list[round]!);
  }
  return chosen;
}
