/**
 * A peer benchmark as a protocol `Environment`: one Python bridge process (python-bridge.ts) in the
 * peer's venv, `hello` when opened, `reset`/`step` per episode. Things every peer shares live here,
 * once: the step limit (Hearth counts steps and truncates), `step` after the end is a usage error,
 * answers are checked field by field, and a bridge that died is restarted by the next `reset`.
 */
import { z } from 'zod';
import { ENV_PROTOCOL_VERSION, EnvError, type EnvDescription, type Environment, type EnvTask, type ResetAnswer, type ResetRequest, type StepAnswer } from '../protocol.ts';
import type { PeerDefinition, PeerSuite } from '../peers/peer-definition.ts';
import { requirePeerPython } from '../install/peer-status.ts';
import { PythonBridge, type BridgeTimeouts } from './python-bridge.ts';

export interface PeerEnvOptions {
  /** Timeouts per call in ms (hello/reset 120 s, step 30 s by default). */
  timeouts?: Partial<BridgeTimeouts>;
  /** Overrides the suite's step limit. */
  stepLimit?: number;
  /** Ask the bridge for its walkthrough at every reset (parity tests). */
  walkthrough?: boolean;
  /** Tests: another interpreter or bridge script instead of the venv's and the peer's. */
  python?: string;
  script?: string;
}

/** A reset answer of a peer: the protocol's, plus the peer's walkthrough when asked for. */
export interface PeerResetAnswer extends ResetAnswer {
  walkthrough?: string[];
}

export interface PeerEnvironment extends Environment {
  reset(request: ResetRequest): Promise<PeerResetAnswer>;
  /** The bridge's process id (also its process group), while one runs. */
  readonly bridgePid: number | undefined;
}

const helloSchema = z.looseObject({ version: z.string() });

const resetSchema = z.object({
  protocolVersion: z.literal(ENV_PROTOCOL_VERSION),
  goal: z.string(),
  observation: z.string(),
  validActions: z.array(z.string()),
  info: z.looseObject({ stepLimit: z.number().int().positive().optional(), taskType: z.string().nullable() }),
  walkthrough: z.array(z.string()).optional(),
});

const stepSchema = z.object({
  protocolVersion: z.literal(ENV_PROTOCOL_VERSION),
  observation: z.string(),
  feedback: z.string(),
  reward: z.number().optional(),
  score: z.number(),
  done: z.boolean(),
  won: z.boolean(),
  truncated: z.boolean().optional(),
  validActions: z.array(z.string()),
  info: z.looseObject({ success: z.boolean().nullable(), reason: z.string() }),
});

/** Checks a bridge's answer; a wrong shape is EnvError('protocol') naming the first bad field. */
function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, label: string, op: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : '(the whole result)';
  throw new EnvError('protocol', `${label} answered '${op}' with a bad field '${field}': ${issue.message} (got ${JSON.stringify(value).slice(0, 200)})`);
}

const isSuite = (value: PeerSuite | Record<string, unknown>): value is PeerSuite => typeof (value as PeerSuite).tasks === 'function' && typeof (value as PeerSuite).name === 'string';

/** The task as sent to a bridge (peers find their game by id; Hearth's scenario data is not sent). */
const taskForBridge = (task: EnvTask) => ({ id: task.id, taskType: task.taskType ?? null, ...(task.sha256 ? { sha256: task.sha256 } : {}) });

/** What a bridge is started with for a suite: its game parameters and where its files are. */
export const bridgeParams = (suite: PeerSuite): Record<string, unknown> => ({ ...suite.params, ...suite.location });

/** What a peer environment records of itself (traces, run configs): its suite, step limit and game parameters — not where its files are. */
export function describePeer(peer: PeerDefinition, suite: PeerSuite | null, stepLimit: number | null = suite?.stepLimit ?? null, params: Record<string, unknown> = suite?.params ?? {}): EnvDescription {
  return { id: peer.id, version: peer.version, params: { ...(suite ? { suite: suite.name } : {}), ...(stepLimit !== null ? { stepLimit } : {}), ...params }, capabilities: [] };
}

/** Opens a peer environment: starts its bridge and says hello. Throws EnvError('missing') with the fix when the peer is not installed. */
export async function openPeerEnv(peer: PeerDefinition, suiteOrParams: PeerSuite | Record<string, unknown>, options: PeerEnvOptions = {}): Promise<PeerEnvironment> {
  const suite = isSuite(suiteOrParams) ? suiteOrParams : null;
  const recorded: Record<string, unknown> = suite ? suite.params : (suiteOrParams as Record<string, unknown>);
  const params = suite ? bridgeParams(suite) : recorded;
  const python = options.python ?? requirePeerPython(peer);
  const script = options.script ?? peer.bridgeScript;
  const label = `${peer.id} bridge`;
  const configuredLimit = options.stepLimit ?? suite?.stepLimit ?? null;
  const description = describePeer(peer, suite, configuredLimit, recorded);

  let bridge: PythonBridge | null = null;
  const start = async (): Promise<PythonBridge> => {
    const started = new PythonBridge({ python, script, label, timeouts: options.timeouts ?? {} });
    try {
      parseAnswer(helloSchema, await started.call('hello', { params }), label, 'hello');
    } catch (error) {
      await started.close();
      throw error;
    }
    return started;
  };
  bridge = await start();

  let stepLimit = 0;
  let steps = 0;
  let score = 0;
  let closed = false;
  let ended = true;
  let endedBy = 'before reset';

  return {
    description,
    get bridgePid() {
      return bridge?.alive ? bridge.pid : undefined;
    },
    async reset({ task, seed }: ResetRequest): Promise<PeerResetAnswer> {
      if (!Number.isInteger(seed) || seed < 0) throw new EnvError('usage', `${peer.id}: seed must be a whole number ≥ 0, got ${seed}`);
      if (closed) throw new EnvError('usage', `${peer.id}: reset after close; open a new environment`);
      ended = true;
      endedBy = 'a failed reset';
      if (!bridge || !bridge.alive) {
        await bridge?.close();
        bridge = await start();
      }
      const args = { task: taskForBridge(task), seed, params, ...(options.walkthrough ? { walkthrough: true } : {}) };
      const raw = await bridge.call('reset', args);
      let answer: z.infer<typeof resetSchema>;
      try {
        answer = parseAnswer(resetSchema, raw, label, 'reset');
      } catch (error) {
        await bridge.close(); // a bridge that answers garbage is not trusted further
        throw error;
      }
      stepLimit = configuredLimit ?? answer.info.stepLimit ?? 0;
      if (!stepLimit) throw new EnvError('protocol', `${label}: no step limit — neither the suite nor the bridge's reset answer (info.stepLimit) gives one`);
      steps = 0;
      score = 0;
      ended = false;
      return {
        protocolVersion: ENV_PROTOCOL_VERSION,
        goal: answer.goal,
        observation: answer.observation,
        validActions: answer.validActions,
        info: { stepLimit, taskType: answer.info.taskType },
        ...(answer.walkthrough ? { walkthrough: answer.walkthrough } : {}),
      };
    },
    async step(action: string): Promise<StepAnswer> {
      if (ended) throw new EnvError('usage', `${peer.id}: step after the episode ended (${endedBy}); call reset first`);
      if (typeof action !== 'string') throw new EnvError('usage', `${peer.id}: an action is a string, got ${typeof action}`);
      let answer: z.infer<typeof stepSchema>;
      try {
        answer = parseAnswer(stepSchema, await bridge!.call('step', { action }), label, 'step');
      } catch (error) {
        const kind = (error as EnvError).kind;
        if (kind === 'protocol') await bridge!.close(); // a bridge that answers garbage is not trusted further
        if (!bridge!.alive || kind === 'crashed') {
          ended = true;
          endedBy = `its bridge failed: ${(error as Error).message.split('\n')[0]}`;
        }
        throw error;
      }
      steps += 1;
      // Reaching the limit without a win is truncation, whether or not the package also says it is done there.
      const truncated = !answer.won && (answer.truncated === true || steps >= stepLimit);
      const done = answer.done || answer.won || truncated;
      const previousScore = score;
      score = answer.score;
      if (done) {
        ended = true;
        endedBy = answer.won ? 'won' : truncated ? `the step limit ${stepLimit}` : 'the environment ended it';
      }
      return {
        protocolVersion: ENV_PROTOCOL_VERSION,
        observation: answer.observation,
        feedback: answer.feedback,
        reward: answer.reward ?? answer.score - previousScore,
        score: answer.score,
        done,
        won: answer.won,
        truncated,
        validActions: answer.validActions,
        info: { step: steps, success: answer.info.success, reason: answer.info.reason },
      };
    },
    async stateHash() {
      return null;
    },
    async close() {
      closed = true;
      await bridge?.close();
    },
  };
}
