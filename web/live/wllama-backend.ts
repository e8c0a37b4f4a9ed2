/**
 * A GGUF model in the page: llama.cpp compiled to WebAssembly (`@wllama/wllama` v3, whose core is
 * llama-server's server-context) behind the Hearth ModelBackend interface. Browser only.
 *
 * - Chat messages are rendered by the GGUF's own Jinja template (`jinja: true`), as the Node llama
 *   backend does; raw prompts go to the completion endpoint as written.
 * - `grammar` (GBNF) and `choices` (a grammar of the choices) are constrained by llama.cpp itself.
 * - `scoreChoices`: each candidate is generated under a grammar allowing only that string, with
 *   log-probabilities on; llama-server reports each token's probability before sampling (so before
 *   the grammar), and their sum is the candidate's log-probability. The tokens are the ones the
 *   grammar let greedy decoding pick, which can split a word differently than the tokenizer would:
 *   `settings.scoring` says so in traces.
 * The wasm file and the model are fetched from the app's own origin; nothing comes from a CDN.
 */
import { Wllama, WllamaAbortError, type WllamaChatMessage } from '@wllama/wllama';
import type { ChoiceScore, GenerateRequest, GenerateResult, ModelBackend, ModelInfo, ModelInput, ScoreRequest, ScoreResult, Usage } from '../../agent/models/model-backend.ts';
import { ModelError } from '../../agent/models/model-error.ts';
import { CallGuard } from '../../agent/models/call-guard.ts';
import { choicesGrammar } from '../../agent/models/choices-grammar.ts';

/** Settings of {@link createWllamaBackend}. */
export interface WllamaBackendOptions {
  /** Same-origin URL of the GGUF, e.g. `/models/SmolLM2-135M-Instruct.Q4_1.gguf`. */
  modelUrl: string;
  /** Same-origin URL of wllama.wasm (a Vite `?url` import). */
  wasmUrl: string;
  /** Id in traces, e.g. `wllama:smollm2-135m`. */
  id: string;
  /** CPU threads: 1 or 2 (more would starve the page on small machines). Default 1. */
  threads?: number;
  /** Context window in tokens (default 2048). */
  contextSize?: number;
  /** Download progress, in bytes. */
  onProgress?: (loaded: number, total: number) => void;
}

export const MAX_WLLAMA_THREADS = 2;
const DEFAULT_MAX_TOKENS = 128;

/** Downloads the GGUF from the app and loads it into wllama. */
export async function createWllamaBackend(options: WllamaBackendOptions): Promise<ModelBackend> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WLLAMA_THREADS) {
    throw new ModelError('invalid-request', `wllama threads must be 1 or ${MAX_WLLAMA_THREADS}, got ${threads}; the page shares the machine with everything else`, { modelId: options.id });
  }
  const contextSize = options.contextSize ?? 2048;
  const blob = await download(options);
  const wllama = new Wllama({ default: options.wasmUrl }, { suppressNativeLog: true, logger: quietLogger });
  wllama.setCompat(null); // the compat build comes from a CDN: never
  try {
    await wllama.loadModel([blob], { n_ctx: contextSize, n_threads: threads, n_gpu_layers: 0, jinja: true, seed: 0 });
  } catch (error) {
    throw new ModelError('load-failed', `wllama could not load ${options.modelUrl}: ${(error as Error).message}. Fix: check the file is a GGUF llama.cpp reads (\`hearth models fetch smollm2-135m\`)`, { modelId: options.id, cause: error });
  }
  const info: ModelInfo = {
    id: options.id,
    backend: 'llama',
    source: options.modelUrl,
    contextSize,
    settings: { runtime: 'wllama', contextSize, chatTemplate: 'gguf-jinja', scoring: 'grammar-forced-logprobs', threadsUsed: wllama.getNumThreads() },
  };
  return new WllamaBackend(info, wllama);
}

async function download(options: WllamaBackendOptions): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(options.modelUrl);
  } catch (error) {
    throw new ModelError('load-failed', `cannot fetch ${options.modelUrl}: ${(error as Error).message}`, { modelId: options.id, cause: error });
  }
  if (!response.ok || !response.body) {
    throw new ModelError('load-failed', `GET ${options.modelUrl} answered ${response.status}. Fix: run \`hearth models fetch smollm2-135m\` and serve the app with \`vite\` or \`vite preview\` (their plugin serves /models/ from the models directory)`, { modelId: options.id });
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    options.onProgress?.(loaded, total);
  }
  return new Blob(chunks as BlobPart[]);
}

const quietLogger = { debug: () => {}, log: () => {}, warn: (...args: unknown[]) => console.warn('[wllama]', ...args), error: (...args: unknown[]) => console.error('[wllama]', ...args) };

interface Completion {
  text: string;
  finishReason: string | null;
  usage: Usage;
  promptMs: number;
  generateMs: number;
  /** Per generated token: its log-probability before sampling (when asked for). */
  logprobs: number[];
}

class WllamaBackend implements ModelBackend {
  /** One call at a time: wllama has one slot. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly info: ModelInfo,
    private readonly wllama: Wllama,
  ) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    if (request.choices && request.choices.length === 0) {
      throw new ModelError('invalid-request', 'generate: `choices` is empty; give at least one allowed answer or leave it out', { modelId: this.info.id });
    }
    const grammar = request.choices ? choicesGrammar(request.choices) : request.grammar;
    const maxTokens = request.choices ? Math.max(request.maxTokens ?? 0, ...request.choices.map((choice) => choice.length + 4)) : (request.maxTokens ?? DEFAULT_MAX_TOKENS);
    const started = performance.now();
    return this.serial(async () => {
      const done = await this.complete(request, { max_tokens: maxTokens, temperature: request.temperature ?? 0, ...(request.seed === undefined ? {} : { seed: request.seed }), ...(request.stop?.length ? { stop: request.stop } : {}), ...(grammar ? { grammar } : {}) }, false);
      const finishReason: GenerateResult['finishReason'] = done.finishReason === 'length' ? 'length' : request.choices ? 'choice' : grammar ? 'grammar' : 'stop';
      return { text: done.text, finishReason, usage: done.usage, timings: { promptMs: done.promptMs, generateMs: done.generateMs, totalMs: performance.now() - started } };
    });
  }

  scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
    const started = performance.now();
    return this.serial(async () => {
      const usage: Usage = { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 };
      let promptMs = 0;
      let generateMs = 0;
      const scores: ChoiceScore[] = [];
      for (const candidate of request.candidates) {
        if (candidate === '') {
          scores.push({ candidate, logProb: 0, meanLogProb: 0, tokens: 0 });
          continue;
        }
        const done = await this.complete(request, { max_tokens: candidate.length + 4, temperature: 0, grammar: choicesGrammar([candidate]) }, true);
        if (done.text !== candidate) {
          throw new ModelError('malformed-response', `scoring '${candidate}': the grammar-forced completion came back as '${done.text}' (the context may be full: ${this.info.contextSize} tokens)`, { modelId: this.info.id });
        }
        if (done.logprobs.length === 0) {
          throw new ModelError('unsupported', `scoreChoices on ${this.info.id}: this wllama build returned no token log-probabilities for '${candidate}'; use a selector that generates (free-generation, numbered-menu, grammar), or the Node llama backend (\`hearth run\`) for choice-scoring`, { modelId: this.info.id });
        }
        const logProb = done.logprobs.reduce((sum, value) => sum + value, 0);
        scores.push({ candidate, logProb, meanLogProb: logProb / Math.max(1, done.logprobs.length), tokens: done.logprobs.length });
        usage.promptTokens += done.usage.promptTokens;
        usage.cachedPromptTokens += done.usage.cachedPromptTokens;
        usage.completionTokens += done.usage.completionTokens;
        promptMs += done.promptMs;
        generateMs += done.generateMs;
      }
      return { scores, usage, timings: { promptMs, generateMs, totalMs: performance.now() - started } };
    });
  }

  /** One completion (chat or raw), cancellable, with the call's deadline. */
  private async complete(input: ModelInput & { signal?: AbortSignal; timeoutMs?: number }, sampling: Record<string, unknown>, withLogprobs: boolean): Promise<Completion> {
    const guard = new CallGuard(input, this.info.id);
    guard.check();
    const abort = new AbortController();
    const stop = (): void => abort.abort();
    input.signal?.addEventListener('abort', stop, { once: true });
    const timer = input.timeoutMs === undefined ? undefined : setTimeout(stop, input.timeoutMs);
    try {
      return await guard.race(this.run(input, sampling, withLogprobs, abort.signal));
    } catch (error) {
      if (error instanceof ModelError) throw error;
      if (error instanceof WllamaAbortError || abort.signal.aborted) throw guard.failure() ?? new ModelError('cancelled', `model call cancelled (${this.info.id})`, { modelId: this.info.id });
      const message = (error as Error).message ?? String(error);
      const reason = /kv.?cache|context/i.test(message) ? 'context-overflow' : 'malformed-response';
      throw new ModelError(reason, `wllama (${this.info.id}): ${message}`, { modelId: this.info.id, cause: error });
    } finally {
      if (timer) clearTimeout(timer);
      input.signal?.removeEventListener('abort', stop);
    }
  }

  private async run(input: ModelInput, sampling: Record<string, unknown>, withLogprobs: boolean, abortSignal: AbortSignal): Promise<Completion> {
    if ('messages' in input) {
      const answer = await this.wllama.createChatCompletion({
        messages: input.messages as WllamaChatMessage[], ...sampling, abortSignal, cache_prompt: true, ...(withLogprobs ? { logprobs: true, top_logprobs: 1, n_probs: 1 } : {}),
      });
      const choice = answer.choices[0];
      const timings = (answer as { timings?: { prompt_ms?: number; predicted_ms?: number } }).timings;
      return {
        text: choice?.message.content ?? '', finishReason: choice?.finish_reason ?? null, usage: usageOf(answer.usage),
        promptMs: timings?.prompt_ms ?? 0, generateMs: timings?.predicted_ms ?? 0,
        logprobs: (choice?.logprobs?.content ?? []).map((token) => token.logprob),
      };
    }
    const answer = await this.wllama.createCompletion({ prompt: input.prompt, ...sampling, abortSignal, ...(withLogprobs ? { logprobs: 1, n_probs: 1 } : {}) });
    const choice = answer.choices[0];
    return {
      text: choice?.text ?? '', finishReason: choice?.finish_reason ?? null, usage: usageOf(answer.usage),
      promptMs: answer.timings?.prompt_ms ?? 0, generateMs: answer.timings?.predicted_ms ?? 0,
      logprobs: choice?.logprobs?.token_logprobs ?? [],
    };
  }

  async resetCache(): Promise<void> {
    // llama-server's slot reuses the longest common prefix on its own; nothing to forget by hand.
  }

  async close(): Promise<void> {
    await this.wllama.exit();
  }
}

function usageOf(usage: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } } | undefined): Usage {
  return { promptTokens: usage?.prompt_tokens ?? 0, cachedPromptTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0 };
}
