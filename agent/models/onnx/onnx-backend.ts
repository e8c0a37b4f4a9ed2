/**
 * The ONNX backend: a transformers.js causal LM (onnxruntime-node in Node, WASM/WebGPU in the
 * browser) behind the Hearth ModelBackend interface. Browser-safe; the Node-only helpers (model
 * folders, the export) live in onnx-node.ts and fetch-onnx-model.ts.
 *
 * Decoding is our own loop over the raw forward pass rather than transformers.js `generate`, so the
 * KV cache can outlive a call (prefix reuse), stop strings and deadlines are checked every token,
 * and scoring reads log-probabilities straight from the logits.
 */
import type {
  ChoiceScore,
  GenerateRequest,
  GenerateResult,
  ModelBackend,
  ModelInfo,
  ModelInput,
  ScoreRequest,
  ScoreResult,
} from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { CallGuard } from '../call-guard.ts';
import { tokenLogprobsRefusal } from '../refuse-token-logprobs.ts';
import { OnnxDecoder, logitRow } from './onnx-decoder.ts';
import { loadOnnxModel, type LoadedOnnxModel, type OnnxBackendOptions } from './onnx-load.ts';
import { argmax, logProbOf, sampleToken, seededUniform } from './token-math.ts';

export type { OnnxBackendOptions } from './onnx-load.ts';

const DEFAULT_MAX_TOKENS = 128;
const FALLBACK_CONTEXT = 2048;

/** Opens an ONNX causal LM folder as a ModelBackend (local folders only unless opted in). */
export async function createOnnxBackend(options: OnnxBackendOptions): Promise<ModelBackend> {
  const name = options.name ?? options.modelDir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? options.modelDir;
  const id = `onnx:${name}`;
  const loaded = await loadOnnxModel(options, id);
  const contextSize = options.contextSize ?? loaded.maxPositions ?? FALLBACK_CONTEXT;
  const info: ModelInfo = {
    id,
    backend: 'onnx',
    source: options.modelDir,
    contextSize,
    settings: {
      dtype: options.dtype ?? 'fp32',
      contextSize,
      // The execution provider changes the numerics a little (WebGPU vs WASM); threads do not.
      ...(options.device ? { device: options.device } : {}),
    },
  };
  return new OnnxBackend(info, loaded, new OnnxDecoder(loaded.model, options.prefixCache ?? true));
}

/** A scored candidate plus its tokens, for choosing among choices. */
interface Scored extends ChoiceScore {
  ids: number[];
}

class OnnxBackend implements ModelBackend {
  /** Calls run one at a time: there is one model and one KV cache. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    readonly info: ModelInfo,
    private readonly loaded: LoadedOnnxModel,
    private readonly decoder: OnnxDecoder,
  ) {}

  generate(request: GenerateRequest): Promise<GenerateResult> {
    const refusal = tokenLogprobsRefusal(request, this.info);
    if (refusal) return Promise.reject(refusal);
    if (request.grammar !== undefined) {
      return Promise.reject(
        new ModelError(
          'unsupported',
          `grammar-constrained generation is not supported by the ONNX backend (${this.info.id}); ` +
            'use `choices` (scored exactly) or the llama.cpp backend for GBNF grammars',
          { modelId: this.info.id },
        ),
      );
    }
    return this.exclusive(request, (guard) =>
      request.choices ? this.generateChoice(request, request.choices, guard) : this.generateFree(request, guard),
    );
  }

  scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
    return this.exclusive(request, async (guard) => {
      const started = Date.now();
      const { scored, promptTokens, cached, promptMs } = await this.score(request, request.candidates, guard);
      const scores = scored.map(({ ids: _ids, ...score }) => score);
      const totalMs = Date.now() - started;
      return {
        scores,
        usage: { promptTokens, cachedPromptTokens: cached, completionTokens: 0 },
        timings: { promptMs, generateMs: totalMs - promptMs, totalMs },
      };
    });
  }

  async resetCache(): Promise<void> {
    await this.exclusive({}, async () => this.decoder.reset());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    this.decoder.reset();
    await this.loaded.model.dispose();
  }

  /** Runs `work` after the calls before it; the caller's promise also obeys signal and timeout. */
  private exclusive<T>(options: GenerateRequest | ScoreRequest | object, work: (guard: CallGuard) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new ModelError('invalid-request', `model ${this.info.id} is closed`));
    const guard = new CallGuard(options, this.info.id);
    const run = this.queue.then(() => {
      guard.check();
      return work(guard).catch((error: unknown) => Promise.reject(this.asModelError(error)));
    });
    this.queue = run.catch(() => undefined);
    return guard.race(run);
  }

  private async generateFree(request: GenerateRequest, guard: CallGuard): Promise<GenerateResult> {
    const started = Date.now();
    const prompt = this.encodeInput(request);
    const maxTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
    this.checkContext(prompt.length + maxTokens, 'prompt plus maxTokens');
    const { last, cached } = await this.decoder.prefill(prompt, guard);
    const promptMs = Date.now() - started;
    const pick = tokenPicker(request);
    const generated: number[] = [];
    let logits = last;
    let text = '';
    let finishReason: GenerateResult['finishReason'] = 'length';
    while (generated.length < maxTokens) {
      guard.check();
      const next = pick(logits);
      if (this.loaded.stopTokenIds.has(next)) {
        finishReason = 'stop';
        break;
      }
      generated.push(next);
      text = this.loaded.tokenizer.decode(generated, { skip_special_tokens: true });
      const stopAt = firstStop(text, request.stop);
      if (stopAt !== undefined) {
        text = text.slice(0, stopAt);
        finishReason = 'stop';
        break;
      }
      if (generated.length < maxTokens) logits = await this.decoder.step(next);
    }
    const totalMs = Date.now() - started;
    return {
      text,
      finishReason,
      usage: { promptTokens: prompt.length, cachedPromptTokens: cached, completionTokens: generated.length },
      timings: { promptMs, generateMs: totalMs - promptMs, totalMs },
    };
  }

  /** `choices`: every choice is scored exactly and the most likely one (sum of log-probs) is returned. */
  private async generateChoice(request: GenerateRequest, choices: string[], guard: CallGuard): Promise<GenerateResult> {
    const started = Date.now();
    const { scored, promptTokens, cached, promptMs } = await this.score(request, choices, guard);
    const best = scored.reduce((a, b) => (b.logProb > a.logProb ? b : a));
    const totalMs = Date.now() - started;
    return {
      text: best.candidate,
      finishReason: 'choice',
      usage: { promptTokens, cachedPromptTokens: cached, completionTokens: best.tokens },
      timings: { promptMs, generateMs: totalMs - promptMs, totalMs },
    };
  }

  /**
   * Log-probability of each candidate after the context: the context is evaluated once (reusing the
   * cached prefix), then each candidate's tokens are run on top of its KV cache without keeping them.
   */
  private async score(input: ModelInput, candidates: string[], guard: CallGuard) {
    if (candidates.length === 0) throw this.invalid('candidates/choices must not be empty');
    const started = Date.now();
    const context = this.encodeInput(input);
    const encoded = candidates.map((candidate, index) => {
      const ids = this.loaded.tokenizer.encode(candidate, { add_special_tokens: false });
      if (ids.length === 0) throw this.invalid(`candidate ${index} (${JSON.stringify(candidate)}) has no tokens`);
      return ids;
    });
    this.checkContext(context.length + Math.max(...encoded.map((ids) => ids.length)), 'context plus longest candidate');
    const { last, cached } = await this.decoder.prefill(context, guard);
    const promptMs = Date.now() - started;
    const scored: Scored[] = [];
    for (const [index, ids] of encoded.entries()) {
      guard.check();
      let logProb = logProbOf(last, ids[0]!);
      if (ids.length > 1) {
        const rows = await this.decoder.peek(ids.slice(0, -1));
        for (let j = 1; j < ids.length; j++) logProb += logProbOf(logitRow(rows, j - 1), ids[j]!);
      }
      scored.push({ candidate: candidates[index]!, logProb, meanLogProb: logProb / ids.length, tokens: ids.length, ids });
    }
    const promptTokens = context.length + encoded.reduce((sum, ids) => sum + ids.length, 0);
    return { scored, promptTokens, cached, promptMs };
  }

  /** Token ids of the request: chat messages through the model's chat template, or the raw prompt. */
  private encodeInput(input: ModelInput): number[] {
    const { tokenizer } = this.loaded;
    if ('messages' in input) {
      if (input.messages.length === 0) throw this.invalid('messages must not be empty');
      const text = tokenizer.apply_chat_template(input.messages, { tokenize: false, add_generation_prompt: true });
      return tokenizer.encode(text as string, { add_special_tokens: false });
    }
    if (input.prompt.length === 0) throw this.invalid('prompt must not be empty');
    // add_special_tokens: a BOS is added exactly when the tokenizer's post-processor says so.
    return tokenizer.encode(input.prompt, { add_special_tokens: true });
  }

  private checkContext(tokens: number, what: string): void {
    if (tokens <= this.info.contextSize) return;
    throw new ModelError(
      'context-overflow',
      `${what} need ${tokens} tokens but ${this.info.id} has a context of ${this.info.contextSize}; ` +
        'shorten the prompt or lower maxTokens',
      { modelId: this.info.id },
    );
  }

  private invalid(message: string): ModelError {
    return new ModelError('invalid-request', `${message} (${this.info.id})`, { modelId: this.info.id });
  }

  private asModelError(error: unknown): ModelError {
    if (error instanceof ModelError) return error;
    const detail = error instanceof Error ? error.message : String(error);
    return new ModelError('malformed-response', `onnxruntime failed during a call to ${this.info.id}: ${detail}`, {
      modelId: this.info.id,
      cause: error,
    });
  }
}

/** Greedy (temperature 0, the default) or seeded sampling. */
function tokenPicker(request: GenerateRequest): (logits: Float32Array) => number {
  const temperature = request.temperature ?? 0;
  if (temperature <= 0) return argmax;
  const uniform = seededUniform(request.seed ?? 0);
  return (logits) => sampleToken(logits, temperature, uniform);
}

/** Index of the earliest stop string in `text`, if any. */
function firstStop(text: string, stops: string[] | undefined): number | undefined {
  let first: number | undefined;
  for (const stop of stops ?? []) {
    const at = stop.length > 0 ? text.indexOf(stop) : -1;
    if (at >= 0 && (first === undefined || at < first)) first = at;
  }
  return first;
}
