/**
 * Hearth's own simulator behind the environment protocol. It implements the protocol natively and
 * adds its structure (goal tree, observation JSON, ASCII map, reason codes) as the
 * `hearth-structure` capability — unless made with `view: 'text'`, in which case the harness sees
 * only what ALFWorld gives: goal text, observation text, valid actions, and whether an action did
 * anything. Browser-safe (no Node imports).
 */
import { createEnvWithPhysics, taskTypeOf, type CreateEnvOptions, type GoalNode, type HearthEnvExtended, type PhysicsMode, type StepResult, type WorldSpec } from '../../sim/index.ts';
import { ENV_PROTOCOL_VERSION, EnvError, type EnvDescription, type Environment, type ResetAnswer, type StepAnswer } from '../protocol.ts';
import { HEARTH_VERSION } from '../../sim/version.ts';

export const HEARTH_VIEWS = ['full', 'text'] as const;
export type HearthViewMode = (typeof HEARTH_VIEWS)[number];

export interface HearthEnvOptions {
  physics?: PhysicsMode;
  /** `full` (default): text plus Hearth's structure; `text`: text only, as ALFWorld gives. */
  view?: HearthViewMode;
  /** Passed to the simulator (a renderer's walking animation). */
  onMotion?: CreateEnvOptions['onMotion'];
}

/** Hearth's simulator as a protocol environment; `sim` is the simulator itself (for state hashes and replays). */
export interface HearthEnvironment extends Environment {
  readonly sim: HearthEnvExtended;
}

export function createHearthEnvironment(options: HearthEnvOptions = {}): HearthEnvironment {
  const physics = options.physics ?? 'kinematic';
  const view = options.view ?? 'full';
  const sim = createEnvWithPhysics(physics, options.onMotion ? { onMotion: options.onMotion } : {});
  const full = view === 'full';
  const description: EnvDescription = { id: 'hearth', version: `hearth ${HEARTH_VERSION}`, params: { physics, view }, capabilities: full ? ['hearth-structure'] : [] };
  let ended = true;
  let goalTree: GoalNode | null = null;

  const stepAnswer = (result: StepResult): StepAnswer => {
    const won = result.terminated;
    return {
      protocolVersion: ENV_PROTOCOL_VERSION,
      observation: result.observation.text,
      feedback: result.feedback,
      reward: result.reward,
      score: won ? 1 : 0,
      done: result.terminated || result.truncated,
      won,
      truncated: result.truncated,
      validActions: sim.validActions(),
      info: { step: result.info.step, success: result.info.success, reason: full ? result.info.reason : result.info.success ? 'ok' : 'no-effect' },
      ...(full ? { structure: { goalTree: goalTree!, observationJson: result.observation.json, ascii: result.observation.ascii } } : {}),
    };
  };

  return {
    description,
    sim,
    async reset({ task, seed }): Promise<ResetAnswer> {
      const scenario = task.data as WorldSpec | undefined;
      if (!scenario || typeof scenario !== 'object') throw new EnvError('task', `hearth: task '${task.id}' carries no scenario; pass the scenario JSON as task.data (load it with loadScenarioFile or a suite)`);
      const reset = sim.reset({ scenario, seed });
      goalTree = reset.goal.tree;
      ended = false;
      return {
        protocolVersion: ENV_PROTOCOL_VERSION,
        goal: reset.goal.text,
        observation: reset.observation.text,
        validActions: sim.validActions(),
        info: { stepLimit: reset.info.stepLimit, taskType: taskTypeOf(scenario) },
        ...(full ? { structure: { goalTree: reset.goal.tree, observationJson: reset.observation.json, ascii: reset.observation.ascii } } : {}),
      };
    },
    async step(action) {
      if (ended) throw new EnvError('usage', 'hearth: step after the episode ended (or before reset); call reset first');
      const answer = stepAnswer(sim.step(action));
      ended = answer.done;
      return answer;
    },
    async stateHash() {
      return sim.stateHash();
    },
    async close() {},
  };
}

/** How episodes get environments: what they are (recorded in run configs and traces) and a way to open one per concurrent episode. */
export interface EnvSource {
  description: EnvDescription;
  open(): Promise<Environment>;
}

/** Hearth's simulator as an env source. */
export function hearthEnvSource(options: Omit<HearthEnvOptions, 'onMotion'> = {}): EnvSource {
  const env = () => createHearthEnvironment(options);
  return { description: env().description, open: async () => env() };
}

/**
 * The part of an episode's log key that names its environment. Hearth's full view keeps the
 * physics mode alone (so logs written before environments stay valid); others add what differs.
 */
export function envKeyOf(description: EnvDescription): string {
  if (description.id === 'hearth') return description.params.view === 'text' ? `${String(description.params.physics)}+text` : String(description.params.physics);
  return `${description.id}@${description.version}`;
}
