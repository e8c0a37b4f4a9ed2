/**
 * llama.cpp backend (node-llama-cpp) for any local GGUF file.
 *
 * One context sequence per backend holds the tokens of the last call; each new call evaluates only
 * the tokens after the longest common prefix (the KV cache is reused), so consecutive agent steps
 * cost roughly their new tokens. Calls are serialised. Threads are set explicitly: the library's
 * default of 4 made decoding ~100× slower on a 2-core machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LlamaGrammar, LlamaGrammarEvaluationState, type LlamaContext, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp';
import type { GenerateRequest, GenerateResult, ModelBackend, ModelInfo, ScoreRequest, ScoreResult, Usage } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { CallGuard } from '../call-guard.ts';
import { inputTokens } from './chat-prompt.ts';
import { llamaRuntime } from './llama-runtime.ts';
import { scoreCandidates } from './llama-scoring.ts';
import { choicesGrammar } from './choices-grammar.ts';

export interface LlamaBackendOptions {
  modelPath: string;
  /** Id used in traces; default `llama:<file name>`. */
  id?: string;
  /** CPU threads (default 1: on a 2-core machine shared with the simulator and tests, 2 threads made decoding ~4× slower). */
  threads?: number;
  /** Context window in tokens (default 2048). */
  contextSize?: number;
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
  const llama = await llamaRuntime();
  let model: LlamaModel;
  let context: LlamaContext;
  try {
    model = await llama.loadModel({ modelPath });
    context = await model.createContext({ contextSize, threads, sequences: 1 });
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
  return new LlamaBackend(info, model, context, context.getSequence(), threads);
}

class LlamaBackend implements ModelBackend {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly info: ModelInfo,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
    readonly threads: number,
  ) {}

  generate(request: GenerateRequest): Promise<GenerateResult> {
    const guard = new CallGuard(request, this.info.id);
    return guard.race(this.serial(() => this.runGenerate(request, guard)));
  }

  scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
    const guard = new CallGuard(request, this.info.id);
    return guard.race(this.serial(() => this.runScore(request, guard)));
  }

  async resetCache(): Promise<void> {
    await this.serial(() => this.sequence.clearHistory());
  }

  async close(): Promise<void> {
    await this.queue.catch(() => {});
    await this.context.dispose();
    await this.model.dispose();
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => {});
    return next;
  }

  /** Aligns the sequence with `tokens` minus `keepLast`, returning how many were reused. */
  private async alignPrefix(tokens: Token[], keepLast: number): Promise<number> {
    const limit = tokens.length - keepLast;
    const common = Math.min(this.sequence.compareContextTokens(tokens).firstDifferentIndex, limit);
    if (common < this.sequence.nextTokenIndex) {
      await this.sequence.eraseContextTokenRanges([{ start: common, end: this.sequence.nextTokenIndex }]);
    }
    return common;
  }

  private checkFits(tokens: number, extra: number): void {
    if (tokens + extra > this.info.contextSize) {
      throw new ModelError('context-overflow', `the prompt has ${tokens} tokens and needs room for ${extra} more, but the context holds ${this.info.contextSize}; shorten the prompt (e.g. a smaller history window) or raise contextSize`, { modelId: this.info.id });
    }
  }

  private async runGenerate(request: GenerateRequest, guard: CallGuard): Promise<GenerateResult> {
    guard.check();
    const started = performance.now();
    const prompt = inputTokens(this.model, request);
    const maxTokens = request.maxTokens ?? 64;
    this.checkFits(prompt.length, maxTokens);
    const cached = await this.alignPrefix(prompt, 1);
    const grammarText = request.grammar ?? (request.choices ? choicesGrammar(request.choices) : undefined);
    const grammarEvaluationState = grammarText ? await this.grammarState(grammarText) : undefined;
    const output: Token[] = [];
    let text = '';
    let finishReason: GenerateResult['finishReason'] = 'length';
    let firstTokenAt = 0;
    const iterator = this.sequence.evaluate(prompt.slice(cached), {
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
      const stop = request.stop?.find((candidate) => text.includes(candidate));
      if (stop !== undefined) {
        text = text.slice(0, text.indexOf(stop));
        finishReason = 'stop';
        break;
      }
      if (output.length >= maxTokens) break;
      guard.check();
    }
    // The evaluator ends on its own at an end-of-generation token.
    if (finishReason === 'length' && output.length < maxTokens) finishReason = grammarText ? 'grammar' : 'stop';
    await iterator.return();
    if (request.choices && finishReason !== 'length') finishReason = 'choice';
    const ended = performance.now();
    firstTokenAt ||= ended;
    const usage: Usage = { promptTokens: prompt.length, cachedPromptTokens: cached, completionTokens: output.length };
    return { text, finishReason, usage, timings: { promptMs: firstTokenAt - started, generateMs: ended - firstTokenAt, totalMs: ended - started } };
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

  private async runScore(request: ScoreRequest, guard: CallGuard): Promise<ScoreResult> {
    guard.check();
    const started = performance.now();
    const context = inputTokens(this.model, request);
    const candidates = request.candidates.map((candidate) => this.model.tokenize(candidate, false));
    const longest = Math.max(1, ...candidates.map((tokens) => tokens.length));
    this.checkFits(context.length, longest);
    // Keep the context minus its last token cached; each candidate re-evaluates that token to get its logits.
    const cached = await this.alignPrefix(context, 1);
    await this.sequence.evaluateWithoutGeneratingNewTokens(context.slice(cached, context.length - 1));
    const promptDone = performance.now();
    const scores = await scoreCandidates(this.sequence, context, candidates, request.candidates, guard);
    const ended = performance.now();
    const completionTokens = candidates.reduce((sum, tokens) => sum + tokens.length, 0);
    return {
      scores,
      usage: { promptTokens: context.length, cachedPromptTokens: cached, completionTokens },
      timings: { promptMs: promptDone - started, generateMs: ended - promptDone, totalMs: ended - started },
    };
  }
}
