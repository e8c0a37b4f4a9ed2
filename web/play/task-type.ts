import type { WorldSpec } from '../../sim/index.ts';

/** The task type from a `task:<type>` tag (as agent/harness/run-episode.ts records it). */
export const taskTypeOf = (scenario: WorldSpec): string | null => scenario.tags?.find((tag) => tag.startsWith('task:'))?.slice('task:'.length) ?? null;
