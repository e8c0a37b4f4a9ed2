/**
 * Rebuilding a run from its trace: the header names the scenario (with its content hash), the
 * seed, the physics and the runner options; replaying the applied actions in a fresh env must give
 * the same feedback at every step and end in the recorded state hash. A mismatch names the step.
 */
import { createEnvWithPhysics, hashJson, type WorldSpec } from '../../sim/index.ts';
import type { EventOf, Trace } from './trace-events.ts';

export interface ReplayResult {
  ok: boolean;
  steps: number;
  stateHash: string;
  /** What differed first, when not ok. */
  problem: string | null;
}

/** Replays `trace` on `scenario` (which must be the one it was recorded on). */
export function replayTrace(trace: Trace, scenario: WorldSpec): ReplayResult {
  const { header } = trace;
  if (header.env && header.env.id !== 'hearth') return { ok: false, steps: 0, stateHash: '', problem: `the trace is of environment '${header.env.id}'; replay it through its bridge (replayOnEnv)` };
  const fail = (steps: number, stateHash: string, problem: string): ReplayResult => ({ ok: false, steps, stateHash, problem });
  if (scenario.id !== header.scenario.id) return fail(0, '', `the trace is of scenario '${header.scenario.id}', not '${scenario.id}'`);
  if (header.scenario.sha256 && hashJson(scenario) !== header.scenario.sha256) return fail(0, '', `scenario '${scenario.id}' has changed since the trace was recorded (content hash ${hashJson(scenario).slice(0, 12)}… ≠ ${header.scenario.sha256.slice(0, 12)}…)`);
  const env = createEnvWithPhysics(header.physics ?? 'kinematic');
  // Hearth's text view records only whether an action did something (as ALFWorld gives), not its reason code.
  const textView = header.env?.params.view === 'text';
  env.reset({ scenario, seed: header.scenario.seed });
  const applied = trace.events.filter((event): event is EventOf<'action-apply'> => event.type === 'action-apply');
  for (const event of applied) {
    const result = env.step(event.action);
    const reason = textView ? (result.info.success ? 'ok' : 'no-effect') : result.info.reason;
    if (result.feedback !== event.feedback || reason !== event.reason) {
      return fail(event.step, env.stateHash(), `step ${event.step} "${event.action}": the world answered "${result.feedback}" [${reason}], the trace says "${event.feedback}" [${event.reason}]`);
    }
  }
  const end = trace.events.at(-1);
  const stateHash = env.stateHash();
  if (end?.type === 'episode-end' && end.stateHash && end.stateHash !== stateHash) return fail(applied.length, stateHash, `after ${applied.length} steps the state hash is ${stateHash.slice(0, 12)}…, the trace recorded ${end.stateHash.slice(0, 12)}…`);
  return { ok: true, steps: applied.length, stateHash, problem: null };
}
