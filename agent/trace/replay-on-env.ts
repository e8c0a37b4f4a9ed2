/**
 * Rebuilding a run from its trace on any environment (envs/protocol.ts): a fresh environment of the
 * kind the header names, the same task and seed, the applied actions in order — every answer must
 * say what the trace recorded (feedback and reason), and where the environment gives a state hash,
 * end in the recorded one. A mismatch names the step. (Hearth's own traces also replay without the
 * protocol, synchronously, for the browser: `replay-trace.ts`.)
 */
import type { EnvTask, Environment } from '../../envs/protocol.ts';
import type { ReplayResult } from './replay-trace.ts';
import type { EventOf, Trace } from './trace-events.ts';

/** Replays `trace` on `env` (made as the header's `env` says) with `task` (the header's task). */
export async function replayOnEnv(trace: Trace, env: Environment, task: EnvTask): Promise<ReplayResult> {
  const { header } = trace;
  const fail = (steps: number, problem: string): ReplayResult => ({ ok: false, steps, stateHash: '', problem });
  if (task.id !== header.scenario.id) return fail(0, `the trace is of task '${header.scenario.id}', not '${task.id}'`);
  const recorded = header.env?.id ?? 'hearth';
  if (recorded !== env.description.id) return fail(0, `the trace was recorded on environment '${recorded}', not '${env.description.id}'`);
  if (header.env && header.env.version !== env.description.version) return fail(0, `the trace was recorded with ${header.env.version}; this is ${env.description.version} — replay with the version it names`);
  const start = trace.events.find((event): event is EventOf<'episode-start'> => event.type === 'episode-start');
  const reset = await env.reset({ task, seed: header.scenario.seed });
  if (start && reset.observation !== start.observation) return fail(0, `the first observation differs: the environment says "${reset.observation.slice(0, 120)}", the trace "${start.observation.slice(0, 120)}"`);
  const applied = trace.events.filter((event): event is EventOf<'action-apply'> => event.type === 'action-apply');
  for (const event of applied) {
    const answer = await env.step(event.action);
    if (answer.feedback !== event.feedback || answer.info.reason !== event.reason) {
      return fail(event.step, `step ${event.step} "${event.action}": the environment answered "${answer.feedback.slice(0, 160)}" [${answer.info.reason}], the trace says "${event.feedback.slice(0, 160)}" [${event.reason}]`);
    }
  }
  const end = trace.events.at(-1);
  const stateHash = (await env.stateHash()) ?? '';
  if (end?.type === 'episode-end' && end.stateHash && stateHash && end.stateHash !== stateHash) return fail(applied.length, `after ${applied.length} steps the state hash is ${stateHash.slice(0, 12)}…, the trace recorded ${end.stateHash.slice(0, 12)}…`);
  return { ok: true, steps: applied.length, stateHash, problem: null };
}
