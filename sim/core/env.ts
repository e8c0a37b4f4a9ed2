/**
 * The Hearth environment: Gymnasium-style reset/step over the symbolic core, with a pluggable
 * motion system (kinematic by default). States are immutable plain JSON; observation views are
 * computed lazily; valid actions, hashes and routes are cached per state.
 */
import type { ActionContext, ActionFailure, ActionHandler, ActionResult } from './actions/action-handler.ts';
import { ACTION_HANDLERS } from './actions/action-table.ts';
import { compileWorld } from './compiled-world.ts';
import type { CompiledWorld } from './compiled-world.ts';
import { EnvNotResetError, SnapshotError } from './env-errors.ts';
import type { Action, ActionType, EnvSnapshot, HearthEnv, ResetOptions, ResetResult, StepInfo, StepResult } from './env-api.ts';
import type { GoalNode, GoalStatus } from './goal-node.ts';
import { describeGoal, evaluateGoal } from './goals/goal-registry.ts';
import { createKinematicMotion } from './kinematic-motion.ts';
import type { MotionSystem } from './motion-system.ts';
import { newRecording } from './motion-frames.ts';
import type { StepMotion } from './motion-frames.ts';
import { motionWorld } from './motion-world.ts';
import { Navigator } from './navigation.ts';
import { lazyObservation } from './observe/lazy-observation.ts';
import { parseAction } from './parse-action.ts';
import type { Rng } from './rng.ts';
import { hashJson } from './state-hash.ts';
import { resolveName } from './resolve-name.ts';
import { seededStart } from './seeded-start.ts';
import { closestActions } from './suggest-actions.ts';
import { ValidActionCache } from './valid-actions.ts';
import type { WorldSpec } from './world-spec.ts';
import { initialState, withStep, WORLD_STATE_FORMAT_VERSION } from './world-state.ts';
import type { WorldState } from './world-state.ts';

export const DEFAULT_STEP_LIMIT = 50;

export interface CreateEnvOptions {
  /** How the agent's body moves; default: kinematic (no physics). */
  motion?: MotionSystem;
  /**
   * Called during `step`, before it returns, with the agent's motion of that step (go to, push)
   * as frames for a renderer (motion-frames.ts). Not called for steps without motion. Off by
   * default; results, states and hashes are the same either way.
   */
  onMotion?: (motion: StepMotion) => void;
}

/** HearthEnv plus read-only access for renderers, oracles, benchmarks and random rollouts. */
export interface HearthEnvExtended extends HearthEnv {
  readonly motion: MotionSystem;
  /** The current immutable state (do not mutate). */
  getState(): WorldState;
  /** The compiled static world of the current episode. */
  getWorld(): CompiledWorld;
  /** The admissible actions as typed values, in a fixed (unsorted) order. */
  validActionList(): Action[];
  /** One admissible action chosen with the given generator (for random rollouts). */
  sampleValidAction(rng: Rng): Action;
  /**
   * Continues the episode from `state`, a state this episode reached before (kept by a search):
   * like `restore` without the copy, so kept states share their unchanged parts. Never mutate it.
   */
  restoreState(state: WorldState): void;
}

interface Episode {
  world: CompiledWorld;
  nav: Navigator;
  state: WorldState;
  stepLimit: number;
  goal: GoalNode;
  goalText: string;
  /** Goal status of `state`, kept so each step evaluates the goal once. */
  goalStatus: GoalStatus;
}

interface SnapshotState {
  spec: WorldSpec;
  stepLimit: number;
  world: WorldState;
}

/** Creates an environment. Call `reset` before anything else. */
export function createEnv(options: CreateEnvOptions = {}): HearthEnvExtended {
  const motion = options.motion ?? createKinematicMotion();
  const onMotion = options.onMotion;
  const valid = new ValidActionCache();
  let episode: Episode | null = null;
  let hashedState: WorldState | null = null;
  let hash = '';

  const current = (method: string): Episode => {
    if (!episode) throw new EnvNotResetError(method);
    return episode;
  };
  const contextOf = (e: Episode): ActionContext => ({ world: e.world, state: e.state, nav: e.nav, motion });

  /** A fresh episode: from `state` (restore), else from the spec's initial state moved by `seed` (seeded-start.ts). */
  function begin(spec: WorldSpec, state: WorldState | null, stepLimit: number | undefined, seed = 0): Episode {
    // Compiling is the costly part of a reset; reuse it when the same spec object comes back.
    const reuse = episode && episode.world.spec === spec ? episode : null;
    const world = reuse?.world ?? compileWorld(spec);
    const nav = reuse?.nav ?? new Navigator(world);
    const initial = state ?? seededStart(world, nav, initialState(world), seed);
    const next: Episode = {
      world,
      nav,
      state: initial,
      goalStatus: evaluateGoal(spec.goal, initial),
      stepLimit: stepLimit ?? spec.stepLimit ?? DEFAULT_STEP_LIMIT,
      goal: spec.goal,
      goalText: reuse?.goalText ?? spec.goalText ?? describeGoal(spec.goal),
    };
    motion.load(motionWorld(world, next.state));
    return next;
  }

  function failureResult(e: Episode, failure: Pick<ActionFailure, 'reason' | 'message'>, suggestions?: string[]): StepResult {
    return finish(e, e.state, { ok: false, ...failure }, undefined, suggestions, false);
  }

  function finish(e: Episode, before: WorldState, result: ActionResult, action: string | undefined, suggestions: string[] | undefined, full: boolean): StepResult {
    const next = withStep(result.state ?? before, before.step + 1);
    e.state = next;
    if (result.ok && result.reloadMotion) motion.load(motionWorld(e.world, next));
    const wasReached = e.goalStatus === 'success';
    const goalStatus = evaluateGoal(e.goal, next);
    e.goalStatus = goalStatus;
    const terminated = goalStatus === 'success';
    const truncated = !terminated && next.step >= e.stepLimit;
    const info: StepInfo = { success: result.ok, reason: result.ok ? 'ok' : result.reason, step: next.step, goalStatus };
    if (action !== undefined) info.action = action;
    if (suggestions !== undefined) info.suggestions = suggestions;
    return {
      observation: lazyObservation(e.world, next, full),
      feedback: truncated ? `${result.message} You have used all ${e.stepLimit} steps.` : result.message,
      reward: terminated && !wasReached ? 1 : 0,
      terminated,
      truncated,
      info,
    };
  }

  function parseText(e: Episode, text: string): Action | StepResult {
    const { at, holding } = e.state.agent;
    const parsed = parseAction(text, { at, holding, resolve: (name) => resolveName(e.world, e.state, name) });
    if (parsed.ok) return parsed.action;
    const suggestions = closestActions(text, valid.textsFor(contextOf(e)));
    const message = `${parsed.message} Closest valid actions: ${suggestions.join('; ')}.`;
    return failureResult(e, { reason: parsed.reason, message }, suggestions);
  }

  function step(input: Action | string): StepResult {
    const e = current('step');
    if (e.state.step >= e.stepLimit && e.goalStatus !== 'success') {
      return failureResult(e, { reason: 'truncated', message: `The episode is over: all ${e.stepLimit} steps are used. Call reset() to start again.` });
    }
    const action = typeof input === 'string' ? parseText(e, input) : input;
    if ('observation' in action) return action;
    const handler = ACTION_HANDLERS[action.type] as ActionHandler<ActionType> | undefined;
    if (!handler) {
      const suggestions = closestActions(String(action.type), valid.textsFor(contextOf(e)));
      return failureResult(e, { reason: 'unknown-action', message: `Unknown action type "${String(action.type)}". Closest valid actions: ${suggestions.join('; ')}.` }, suggestions);
    }
    const recording = onMotion ? newRecording() : undefined;
    const ctx = recording ? { ...contextOf(e), recording } : contextOf(e);
    const failure = handler.check(action, ctx);
    const result = failure ?? handler.apply(action, ctx);
    const text = handler.format(action);
    const suggestions = !result.ok && result.reason === 'unknown-target' ? closestActions(text, valid.textsFor(ctx)) : undefined;
    const stepResult = finish(e, e.state, result, text, suggestions, action.type === 'look');
    // After `finish`, so an observer that reads the env sees the state the motion ended in.
    if (recording && recording.frames.length > 0) onMotion!({ formatVersion: 1, step: stepResult.info.step, action: text, mode: motion.mode, ...recording });
    return stepResult;
  }

  return {
    motion,
    reset(options: ResetOptions): ResetResult {
      episode = begin(options.scenario, null, options.stepLimit, options.seed);
      return {
        observation: lazyObservation(episode.world, episode.state, true),
        goal: { text: episode.goalText, tree: episode.goal },
        info: { step: 0, stepLimit: episode.stepLimit },
      };
    },
    step,
    validActions: () => valid.textsFor(contextOf(current('validActions'))),
    validActionList: () => valid.actionsFor(contextOf(current('validActionList'))),
    sampleValidAction(rng: Rng): Action {
      const actions = valid.actionsFor(contextOf(current('sampleValidAction')));
      return actions[rng.nextInt(actions.length)]!;
    },
    snapshot(): EnvSnapshot {
      const e = current('snapshot');
      const state: SnapshotState = { spec: e.world.spec, stepLimit: e.stepLimit, world: JSON.parse(JSON.stringify(e.state)) };
      return { formatVersion: 1, state };
    },
    restore(snapshot: EnvSnapshot): void {
      const inner = snapshot?.state as Partial<SnapshotState> | undefined;
      if (snapshot?.formatVersion !== 1 || !inner?.spec || !inner.world || typeof inner.stepLimit !== 'number') {
        throw new SnapshotError('expected {formatVersion: 1, state: {spec, stepLimit, world}}', snapshot);
      }
      if (inner.world.formatVersion !== WORLD_STATE_FORMAT_VERSION) {
        throw new SnapshotError(`its world state has formatVersion ${String(inner.world.formatVersion)}; this Hearth reads world state format ${WORLD_STATE_FORMAT_VERSION} only, so take the snapshot again with this Hearth`, inner.world.formatVersion);
      }
      episode = begin(inner.spec, JSON.parse(JSON.stringify(inner.world)) as WorldState, inner.stepLimit);
    },
    restoreState(state: WorldState): void {
      const e = current('restoreState');
      episode = begin(e.world.spec, state, e.stepLimit);
    },
    stateHash(): string {
      const e = current('stateHash');
      if (e.state !== hashedState) {
        hash = hashJson(e.state);
        hashedState = e.state;
      }
      return hash;
    },
    getState: () => current('getState').state,
    getWorld: () => current('getWorld').world,
  };
}
