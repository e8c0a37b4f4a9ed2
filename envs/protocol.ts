/**
 * The environment protocol: the one contract between the agent and any world it plays — Hearth's
 * own simulator or a peer benchmark (ALFWorld, TextWorldExpress, ScienceWorld) behind a bridge.
 * Everything crossing it is plain, versioned JSON. Text is what every environment gives; Hearth's
 * richer structure (goal tree, observation JSON, reason codes) is an optional capability.
 */
import type { GoalNode, ObservationJson } from '../sim/index.ts';

export const ENV_PROTOCOL_VERSION = 1 as const;

/** What an environment may offer beyond goal text, observation text and valid actions. */
export const CAPABILITIES = ['hearth-structure'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Hearth's structure (capability `hearth-structure`): what its own parts read. */
export interface HearthStructure {
  goalTree: GoalNode;
  observationJson: ObservationJson;
  ascii: string;
}

/** One task of an environment: its id (a scenario id, an ALFWorld game path, `twc-easy/20003` …) and, for Hearth, the scenario JSON. */
export interface EnvTask {
  id: string;
  /** Hearth only: the scenario (a WorldSpec) as JSON. Peers find their task by id. */
  data?: unknown;
  /** When known before playing: the task type, and a content hash of what defines the task (an ALFWorld game file's SHA-256). */
  taskType?: string | null;
  sha256?: string;
}

export interface ResetRequest {
  task: EnvTask;
  /** A whole number ≥ 0; same task, seed and actions → same observations. */
  seed: number;
}

export interface ResetAnswer {
  protocolVersion: typeof ENV_PROTOCOL_VERSION;
  goal: string;
  observation: string;
  validActions: string[];
  info: {
    stepLimit: number;
    /** When the environment says (ALFWorld's task folder, a scenario's tags, a TWX game name). */
    taskType: string | null;
  };
  structure?: HearthStructure;
}

export interface StepAnswer {
  protocolVersion: typeof ENV_PROTOCOL_VERSION;
  /** What the agent now observes. */
  observation: string;
  /** What the environment said about the action (for peers, their answer text: the same as the observation). */
  feedback: string;
  /** Score gained by this step (score units of the environment, normalised to 0–1 of its maximum). */
  reward: number;
  /** Score so far, 0–1 of the task's maximum. */
  score: number;
  /** The episode is over (won, lost or truncated). */
  done: boolean;
  won: boolean;
  /** Ended by the step limit without a win. */
  truncated: boolean;
  validActions: string[];
  info: {
    /** Steps taken so far, this one included. */
    step: number;
    /** Did the action do something? `null` when the environment does not say. */
    success: boolean | null;
    /** Why it failed: Hearth's reason codes; for peers `ok`, `no-effect`, `not-valid` or `unknown`. */
    reason: string;
  };
  structure?: HearthStructure;
}

/** Who an environment is: recorded in every trace, so a trace rebuilds its run. */
export interface EnvDescription {
  /** Registry id: `hearth`, `alfworld`, `twx`, `scienceworld`. */
  id: string;
  /** The package and its version (`alfworld 0.4.2 + textworld 1.7.0`), or Hearth's. */
  version: string;
  /** Options the environment was made with (view, game parameters, data folder …). */
  params: Record<string, unknown>;
  capabilities: Capability[];
}

/** A live environment: one episode at a time; one per concurrent episode. */
export interface Environment {
  readonly description: EnvDescription;
  reset(request: ResetRequest): Promise<ResetAnswer>;
  step(action: string): Promise<StepAnswer>;
  /** Hex digest of the state when the environment can give one (Hearth), else null. */
  stateHash(): Promise<string | null>;
  /** Frees what it holds (ends a bridge's process). Safe to call twice. */
  close(): Promise<void>;
}

/** A typed failure of an environment (a bridge that died, timed out or answered garbage; a missing package or game). */
export class EnvError extends Error {
  override readonly name = 'EnvError';
  constructor(
    readonly kind: 'missing' | 'crashed' | 'timeout' | 'protocol' | 'task' | 'usage',
    message: string,
  ) {
    super(message);
  }
}
