/**
 * llama.cpp backend (node-llama-cpp) for any local GGUF file.
 *
 * Each context sequence holds the tokens of its last call; a new call takes the free sequence whose
 * tokens share the longest prefix with its prompt and evaluates only the tokens after it (the KV
 * cache is reused), so consecutive steps of one episode cost roughly their new tokens. With
 * `sequences: N`, N calls (say, N episodes run at once) proceed together and llama.cpp batches
 * their tokens into shared decodes; further calls wait for a free sequence. Threads are set
 * explicitly: the library's default of 4 made decoding ~100× slower on a 2-core machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LlamaGrammar, LlamaGrammarEvaluationState, type GbnfJsonSchema, type LlamaContext, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp';
import type { GenerateRequest, GenerateResult, ModelBackend, ModelInfo, ScoreRequest, ScoreResult, Usage } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { CallGuard } from '../call-guard.ts';
import { inputTokens } from './chat-prompt.ts';
import { llamaRuntime } from './llama-runtime.ts';
import { scoreCandidates } from './llama-scoring.ts';
import { MAX_TOP_LOGPROBS, generatedTokenLogprobs } from './llama-token-logprobs.ts';
import { choicesGrammar } from '../choices-grammar.ts';
import { grammarJsonSchema, JSON_GRAMMAR_END } from './json-schema-grammar.ts';

export interface LlamaBackendOptions {
  modelPath: string;
  /** Id used in traces; default `llama:<file name>`. */
  id?: string;
  /** CPU threads (default 1: on a 2-core machine shared with the simulator and tests, 2 threads made decoding ~4× slower). */
  threads?: number;
  /** Context window in tokens, per sequence (default 2048). */
  contextSize?: number;
  /** Sequences in the one context: how many calls run at once, batched together (default 1). */
  sequences?: number;
}

/** Opens a GGUF file with llama.cpp. */
export async function createLlamaBackend(options: LlamaBackendOptions): Promise<ModelBackend> {
  const modelPath = path.resolve(options.modelPath);
  const id = options.id ?? `llama:${path.basename(modelPath, '.gguf').toLowerCase()}`;
  if (!fs.existsSync(modelPath)) {
    throw new ModelError('load-failed', `model file not found: ${modelPath}. Fetch the default model with \`hearth models fetch smollm2-135m\`, or pass the path of a .gguf file.`, { modelId: id });
  }
  const threads = options.threads ?? 1;
  const contextSize = options.contextSize ?? 2048;
  const sequences = options.sequences ?? 1;
  if (!Number.isInteger(sequences) || sequences < 1 || sequences > 64) {
    throw new ModelError('invalid-request', `sequences must be a whole number from 1 to 64, got ${sequences}`, { modelId: id });
  }
  const llama = await llamaRuntime();
  let model: LlamaModel;
  let context: LlamaContext;
  try {
    model = await llama.loadModel({ modelPath });
    context = await model.createContext({ contextSize, threads, sequences });
  } catch (error) {
    throw new ModelError('load-failed', `llama.cpp could not load ${modelPath}: ${(error as Error).message}. Is it a valid GGUF file?`, { modelId: id, cause: error });
  }
  const info: ModelInfo = {
    id,
    backend: 'llama',
    source: modelPath,
    contextSize,
    settings: { contextSize, chatTemplate: 'gguf' },
  };
  const slots = Array.from({ length: sequences }, () => context.getSequence());
  return new LlamaBackend(info, model, context, slots, threads);
}

class LlamaBackend implements ModelBackend {
  readonly tokenLogprobs = true;
  private readonly free: Set<LlamaContextSequence>;
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    readonly info: ModelInfo,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly slots: LlamaContextSequence[],
    readonly threads: number,
  ) {
    this.free = new Set(slots);
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    const guard = new CallGuard(request, this.info.id);
    return guard.race(this.onSequence(() => inputTokens(this.model, request), (sequence, prompt) => this.runGenerate(sequence, prompt, request, guard)));
  }

  scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
    const guard = new CallGuard(request, this.info.id);
    return guard.race(this.onSequence(() => inputTokens(this.model, request), (sequence, context) => this.runScore(sequence, context, request, guard)));
  }

  /**
   * With one sequence: forget it, so every episode starts from a clean cache and the same episode
   * gives the same trace whatever ran before. With several, the others belong to episodes still
   * running, so nothing is cleared (a new episode takes the best-matching free sequence); batched
   * decoding is not bit-reproducible anyway, which is why runs record their concurrency.
   */
  async resetCache(): Promise<void> {
    if (this.slots.length === 1) await this.onSequence(() => [], (sequence) => sequence.clearHistory());
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.running]);
    await this.context.dispose();
    await this.model.dispose();
  }

  /** Runs `work` on the free sequence sharing the longest prefix with `tokens` (waiting for one if all are busy). */
  private async onSequence<T>(input: () => Token[], work: (sequence: LlamaContextSequence, tokens: Token[]) => Promise<T>): Promise<T> {
    const tokens = input();
    while (this.free.size === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    let best: LlamaContextSequence | undefined;
    let bestShared = -1;
    for (const sequence of this.free) {
      const shared = tokens.length ? sequence.compareContextTokens(tokens).firstDifferentIndex : 0;
      if (shared > bestShared) [best, bestShared] = [sequence, shared];
    }
    this.free.delete(best!);
    const done = work(best!, tokens);
    this.running.add(done);
    try {
      return await done;
    } finally {
      this.running.delete(done);
      this.free.add(best!);
      this.waiting.shift()?.();
    }
  }

  /** Aligns the sequence with `tokens` minus `keepLast`, returning how many were reused. */
  private async alignPrefix(sequence: LlamaContextSequence, tokens: Token[], keepLast: number): Promise<number> {
    const limit = tokens.length - keepLast;
    const common = Math.min(sequence.compareContextTokens(tokens).firstDifferentIndex, limit);
    if (common < sequence.nextTokenIndex) {
      await sequence.eraseContextTokenRanges([{ start: common, end: sequence.nextTokenIndex }]);
    }
    return common;
  }

  private checkFits(tokens: number, extra: number): void {
    if (tokens + extra > this.info.contextSize) {
      throw new ModelError('context-overflow', `the prompt has ${tokens} tokens and needs room for ${extra} more, but the context holds ${this.info.contextSize}; shorten the prompt (e.g. a smaller history window) or raise contextSize`, { modelId: this.info.id });
    }
  }

  private async runGenerate(sequence: LlamaContextSequence, prompt: Token[], request: GenerateRequest, guard: CallGuard): Promise<GenerateResult> {
    guard.check();
    const started = performance.now();
    const maxTokens = request.maxTokens ?? 64;
    const top = request.logprobs?.top;
    if (top !== undefined && !(Number.isInteger(top) && top >= 0 && top <= MAX_TOP_LOGPROBS)) {
      throw new ModelError('invalid-request', `logprobs.top must be a whole number from 0 to ${MAX_TOP_LOGPROBS}, got ${top}`, { modelId: this.info.id });
    }
    this.checkFits(prompt.length, maxTokens);
    const cached = await this.alignPrefix(sequence, prompt, 1);
    const grammarText = (request.jsonSchema ? await this.jsonSchemaGrammar(request) : undefined) ?? request.grammar ?? (request.choices ? choicesGrammar(request.choices) : undefined);
    const grammarEvaluationState = grammarText ? await this.grammarState(grammarText) : undefined;
    const output: Token[] = [];
    let text = '';
    let finishReason: GenerateResult['finishReason'] = 'length';
    let firstTokenAt = 0;
    const iterator = sequence.evaluate(prompt.slice(cached), {
      temperature: request.temperature ?? 0,
      seed: request.seed ?? 0,
      grammarEvaluationState,
    });
    for await (const token of iterator) {
      if (firstTokenAt === 0) firstTokenAt = performance.now();
      if (this.model.isSpecialToken(token) || token === this.model.tokens.eos) {
        finishReason = grammarText ? 'grammar' : 'stop';
        break;
      }
      output.push(token);
      text = this.model.detokenize(output);
      const stop = (request.jsonSchema ? [JSON_GRAMMAR_END, ...(request.stop ?? [])] : request.stop)?.find((candidate) => text.includes(candidate));
      if (stop !== undefined) {
        text = text.slice(0, text.indexOf(stop));
        finishReason = stop === JSON_GRAMMAR_END ? 'grammar' : 'stop';
        break;
      }
      if (output.length >= maxTokens) break;
      guard.check();
    }
    // The evaluator ends on its own at an end-of-generation token.
    if (finishReason === 'length' && output.length < maxTokens) finishReason = grammarText ? 'grammar' : 'stop';
    await iterator.return();
    if (request.choices && finishReason !== 'length') finishReason = 'choice';
    const logprobs = top === undefined ? undefined : await generatedTokenLogprobs(this.model, sequence, prompt, output, text, top, guard);
    const ended = performance.now();
    firstTokenAt ||= ended;
    const usage: Usage = { promptTokens: prompt.length, cachedPromptTokens: cached, completionTokens: output.length };
    return { text, finishReason, usage, timings: { promptMs: firstTokenAt - started, generateMs: ended - firstTokenAt, totalMs: ended - started }, ...(logprobs ? { logprobs } : {}) };
  }

  /** A JSON Schema as GBNF text, via node-llama-cpp's JSON grammar (the schema reduced to the subset it supports). */
  private async jsonSchemaGrammar(request: GenerateRequest): Promise<string> {
    if (request.grammar !== undefined || request.choices) {
      throw new ModelError('invalid-request', 'generate: give one constraint — `jsonSchema`, `grammar` or `choices` — not several', { modelId: this.info.id });
    }
    try {
      const llama = await llamaRuntime();
      return (await llama.createGrammarForJsonSchema<GbnfJsonSchema>(grammarJsonSchema(request.jsonSchema!))).grammar;
    } catch (error) {
      throw new ModelError('invalid-request', `the JSON Schema cannot be turned into a grammar: ${(error as Error).message}`, { modelId: this.info.id, cause: error });
    }
  }

  private async grammarState(grammar: string): Promise<LlamaGrammarEvaluationState> {
    try {
      const llama = await llamaRuntime();
      const compiled = new LlamaGrammar(llama, { grammar });
      return new LlamaGrammarEvaluationState({ model: this.model, grammar: compiled });
    } catch (error) {
      throw new ModelError('invalid-request', `the GBNF grammar does not compile: ${(error as Error).message}`, { modelId: this.info.id, cause: error });
    }
  }

  private async runScore(sequence: LlamaContextSequence, context: Token[], request: ScoreRequest, guard: CallGuard): Promise<ScoreResult> {
    guard.check();
    const started = performance.now();
    const candidates = request.candidates.map((candidate) => this.model.tokenize(candidate, false));
    const longest = Math.max(1, ...candidates.map((tokens) => tokens.length));
    this.checkFits(context.length, longest);
    // Keep the context minus its last token cached; each candidate re-evaluates that token to get its logits.
    const cached = await this.alignPrefix(sequence, context, 1);
    await sequence.evaluateWithoutGeneratingNewTokens(context.slice(cached, context.length - 1));
    const promptDone = performance.now();
    const scores = await scoreCandidates(sequence, context, candidates, request.candidates, guard);
    const ended = performance.now();
    const completionTokens = candidates.reduce((sum, tokens) => sum + tokens.length, 0);
    return {
      scores,
      usage: { promptTokens: context.length, cachedPromptTokens: cached, completionTokens },
      timings: { promptMs: promptDone - started, generateMs: ended - promptDone, totalMs: ended - started },
    };
  }
}
