/**
 * Turns a successful trace into an exemplar text for the `exemplars` memory part: the goal and the
 * actions that worked, with their feedback. Stored under `texts["exemplar:<task type>"]`.
 */
import type { EventOf, Trace } from '../trace/trace-events.ts';
import { HarnessError } from './harness-error.ts';

/** The texts key and the exemplar for a successful trace; throws for a failed one or one without task type. */
export function exemplarFromTrace(trace: Trace): { key: string; text: string } {
  const end = trace.events.at(-1);
  if (end?.type !== 'episode-end' || !end.success) throw new HarnessError(`trace of ${trace.header.scenario.id} did not succeed; exemplars come from successful traces only`);
  const taskType = trace.header.scenario.taskType;
  if (!taskType) throw new HarnessError(`trace of ${trace.header.scenario.id} has no task type (its scenario has no task:<type> tag); exemplars are kept per task type`);
  const start = trace.events.find((event): event is EventOf<'episode-start'> => event.type === 'episode-start');
  // Failed actions changed nothing in the world: the successful ones alone are the solution.
  const worked = trace.events.filter((event): event is EventOf<'action-apply'> => event.type === 'action-apply' && event.success);
  const lines = [`Goal: ${start?.goal ?? '?'}`, ...worked.map((event) => `> ${event.action}\n${event.feedback}`)];
  return { key: `exemplar:${taskType}`, text: lines.join('\n') };
}
