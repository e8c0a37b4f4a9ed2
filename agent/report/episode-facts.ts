/**
 * What a report needs to know about one episode beyond its log line, read once from its trace:
 * how many actions were invalid or repeated, how long the model took, and (for a failure) the
 * digest's primary failure category.
 */
import type { EpisodeResult } from '../bench/episode-log.ts';
import { digestTrace, type FailureCategory } from '../evolve/digest.ts';
import type { Trace } from '../trace/trace-events.ts';

export interface EpisodeFacts {
  scenarioId: string;
  seed: number;
  /** The backend id (`llama:smollm2-135m`, `random`). */
  model: string;
  chooser: 'model' | 'null';
  harnessId: string;
  behaviourId: string;
  success: boolean;
  steps: number;
  termination: string;
  /** From the trace header (`task:<type>` tag), null when the scenario has none. */
  taskType: string | null;
  /**
   * Invalid actions: every `action-select` event with `guessed: true` (the selector could not read
   * a valid action in the model's answer and took the closest one — what the digest's
   * invalid-action category also counts), every `action-reject` event (a validator or guard sent
   * the selected action back), every `action-repair` event (a part replaced the selected action),
   * and every `action-apply` event with `success: false` (the world refused the action it got).
   * One bad decision can count more than once (guessed, then repaired; or applied and refused).
   */
  invalidActions: number;
  /** Applied actions (`action-apply`, successful or not) whose text equals an earlier applied action of the episode. */
  repeatedActions: number;
  /** Sum of `timings.totalMs` over the episode's model calls, in seconds (calls that failed have no timings). */
  modelSeconds: number;
  modelCalls: number;
  tokens: number;
  /** The digest's primary failure category; null for a successful episode. */
  failure: FailureCategory | null;
}

export function episodeFacts(result: EpisodeResult, trace: Trace): EpisodeFacts {
  let invalidActions = 0;
  let repeatedActions = 0;
  let modelMs = 0;
  const applied = new Set<string>();
  for (const event of trace.events) {
    if (event.type === 'action-reject' || event.type === 'action-repair' || (event.type === 'action-select' && event.guessed)) invalidActions += 1;
    if (event.type === 'model-call') modelMs += event.timings?.totalMs ?? 0;
    if (event.type !== 'action-apply') continue;
    if (!event.success) invalidActions += 1;
    if (applied.has(event.action)) repeatedActions += 1;
    applied.add(event.action);
  }
  return {
    scenarioId: result.scenarioId,
    seed: result.seed,
    model: result.model,
    chooser: result.chooser,
    harnessId: result.harnessId,
    behaviourId: result.behaviourId,
    success: result.success,
    steps: result.steps,
    termination: result.termination,
    taskType: trace.header.scenario.taskType,
    invalidActions,
    repeatedActions,
    modelSeconds: modelMs / 1000,
    modelCalls: result.modelCalls,
    tokens: result.tokens,
    failure: result.success ? null : (digestTrace(trace)?.primary ?? 'other'),
  };
}
