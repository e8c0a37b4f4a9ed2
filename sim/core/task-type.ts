/**
 * The task type of a scenario, read from its `task:<type>` tag (`task:heat-then-place` →
 * `heat-then-place`). The generator writes the tag; traces, bench plans, scenario listings and the
 * browser read it through this one function.
 */

/** The task type from the first `task:<type>` tag, or null when the scenario has none. */
export function taskTypeOf(scenario: { tags?: readonly string[] }): string | null {
  return scenario.tags?.find((tag) => tag.startsWith('task:'))?.slice('task:'.length) ?? null;
}
