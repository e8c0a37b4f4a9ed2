/**
 * A trace re-run in the simulator, step by step, for the Replay view: the state after each applied
 * action (to draw), what the agent had seen, the trace's events of that step, and the verdict of
 * agent/trace/replay-trace.ts (same feedback at every step, same final state hash).
 */
import { createEnvWithPhysics, type CompiledWorld, type StepMotion, type WorldSpec, type WorldState } from '../../sim/index.ts';
import { replayTrace, type ReplayResult } from '../../agent/trace/replay-trace.ts';
import type { EventOf, Trace, TraceEvent } from '../../agent/trace/trace-events.ts';
import { nothingSeen, withObservation, type Seen } from '../world/seen.ts';

export interface ReplayStep {
  /** 0: the start; k: after the k-th applied action. */
  index: number;
  /** The trace's step number (0 at the start). */
  traceStep: number;
  state: WorldState;
  seen: Seen;
  /** The observation the world gave after this step (in the replay). */
  observation: string;
  /** The events the trace recorded for this step. */
  events: TraceEvent[];
  apply: EventOf<'action-apply'> | null;
  subgoal: string | null;
  stateHash: string;
  /** The agent's motion in the step that led here (go to, push), for the walking animation. */
  motion: StepMotion | null;
}

export interface Replay {
  trace: Trace;
  world: CompiledWorld;
  goal: string;
  stepLimit: number;
  steps: ReplayStep[];
  verdict: ReplayResult;
  /** The state hash the trace recorded at its end, if any. */
  recordedHash: string | null;
}

export function buildReplay(trace: Trace, scenario: WorldSpec): Replay {
  let motion: StepMotion | null = null;
  const env = createEnvWithPhysics(trace.header.physics ?? 'kinematic', { onMotion: (m) => (motion = m) });
  const reset = env.reset({ scenario, seed: trace.header.scenario.seed });
  const byStep = new Map<number, TraceEvent[]>();
  for (const event of trace.events) byStep.set(event.step, [...(byStep.get(event.step) ?? []), event]);
  let seen = withObservation(nothingSeen(), reset.observation.json);
  let subgoal: string | null = null;
  const track = (events: TraceEvent[]): void => {
    for (const event of events) {
      if (event.type === 'subgoal-start') subgoal = event.subgoal;
      if (event.type === 'subgoal-end' && subgoal === event.subgoal) subgoal = null;
    }
  };
  const startEvents = byStep.get(0) ?? [];
  track(startEvents);
  const steps: ReplayStep[] = [{ index: 0, traceStep: 0, state: env.getState(), seen, observation: reset.observation.text, events: startEvents, apply: null, subgoal, stateHash: env.stateHash(), motion: null }];
  const applied = trace.events.filter((event): event is EventOf<'action-apply'> => event.type === 'action-apply');
  applied.forEach((apply, i) => {
    motion = null;
    const result = env.step(apply.action);
    seen = withObservation(seen, result.observation.json);
    const events = byStep.get(apply.step) ?? [];
    track(events);
    steps.push({ index: i + 1, traceStep: apply.step, state: env.getState(), seen, observation: result.observation.text, events, apply, subgoal, stateHash: env.stateHash(), motion });
  });
  const end = trace.events.at(-1);
  const start = trace.events.find((event): event is EventOf<'episode-start'> => event.type === 'episode-start');
  return {
    trace,
    world: env.getWorld(),
    goal: start?.goal ?? reset.goal.text,
    stepLimit: start?.stepLimit ?? reset.info.stepLimit,
    steps,
    verdict: replayTrace(trace, scenario),
    recordedHash: end?.type === 'episode-end' ? (end.stateHash ?? null) : null,
  };
}
