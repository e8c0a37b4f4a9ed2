/**
 * A person's play recorded as a trace like any other: the header (a "human" harness and model),
 * then per step `step-start`, `action-select` (part `human`) and `action-apply`, and an
 * `episode-end` with the world's state hash — so `hearth trace replay` and the Replay view check it.
 */
import { hashJson, type PhysicsMode, type StepResult, type WorldSpec } from '../../sim/index.ts';
import { HEARTH_VERSION } from '../../sim/version.ts';
import { harnessId, type HarnessSpec } from '../../agent/harness/harness-spec.ts';
import { TRACE_FORMAT_VERSION, type Termination, type Trace, type TraceEvent } from '../../agent/trace/trace-events.ts';
import { taskTypeOf } from '../../sim/index.ts';

const HUMAN_HARNESS: HarnessSpec = {
  formatVersion: 1,
  name: 'human',
  description: 'A person playing in the browser app: they read the world and click or type each action.',
  slots: { summarizers: [], decomposer: null, memory: [], promptBuilder: { part: 'human', params: {} }, selector: { part: 'human', params: {} }, validators: [], control: [] },
  texts: {},
  parent: null,
};

export class HumanTrace {
  private readonly events: TraceEvent[] = [];
  private ended: TraceEvent | null = null;

  constructor(private readonly scenario: WorldSpec, private readonly seed: number, private readonly physics: PhysicsMode, start: { goal: string; goalTree: unknown; stepLimit: number; observation: string }) {
    this.events.push({ type: 'episode-start', step: 0, goal: start.goal, goalTree: start.goalTree, stepLimit: start.stepLimit, observation: start.observation });
  }

  /** One action as the person gave it (clicked, or typed as written: the world parses it leniently). */
  record(step: number, action: string, result: StepResult): void {
    this.events.push({ type: 'step-start', step });
    this.events.push({ type: 'action-select', step, part: 'human', action, thought: null, guessed: false });
    this.events.push({ type: 'action-apply', step, action, feedback: result.feedback, reason: result.info.reason, success: result.info.success });
  }

  /** Closes the episode (once): success, the step limit, or cancelled when downloaded mid-play. */
  end(step: number, termination: Termination, stateHash: string): void {
    if (this.ended) return;
    this.ended = { type: 'episode-end', step, success: termination === 'success', steps: step, termination, reward: termination === 'success' ? 1 : 0, modelCalls: 0, tokens: 0, stateHash };
  }

  get isEnded(): boolean {
    return this.ended !== null;
  }

  /** The trace so far; an episode still running ends as `cancelled` at `step` with `stateHash`. */
  trace(step: number, stateHash: string): Trace {
    const end = this.ended ?? { type: 'episode-end' as const, step, success: false, steps: step, termination: 'cancelled' as const, reward: 0, modelCalls: 0, tokens: 0, stateHash };
    return {
      header: {
        type: 'header', formatVersion: TRACE_FORMAT_VERSION, harnessId: harnessId(HUMAN_HARNESS), harness: HUMAN_HARNESS,
        model: { id: 'human', backend: 'human', source: 'a person in the browser app', contextSize: 0, settings: {} },
        scenario: { id: this.scenario.id, seed: this.seed, taskType: taskTypeOf(this.scenario), sha256: hashJson(this.scenario) },
        physics: this.physics, hearthVersion: HEARTH_VERSION,
      },
      events: [...this.events, end],
    };
  }
}
