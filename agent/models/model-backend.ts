/**
 * One interface for every planner model: llama.cpp (GGUF), ONNX (transformers.js),
 * OpenAI-compatible HTTP servers, and a scripted replayer for harness-logic tests.
 */

export const MODEL_FORMAT_VERSION = 1 as const;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What the model is asked: chat messages (formatted with the model's chat template) or a raw prompt. */
export type ModelInput = { messages: ChatMessage[] } | { prompt: string };

export interface CallOptions {
  /** Cancels the call; the promise rejects with ModelError reason `cancelled`. */
  signal?: AbortSignal;
  /** Per-call deadline; the promise rejects with ModelError reason `timeout`. */
  timeoutMs?: number;
}

export type GenerateRequest = ModelInput &
  CallOptions & {
    maxTokens?: number;
    stop?: string[];
    /** 0 (default) means greedy. */
    temperature?: number;
    seed?: number;
    /** GBNF grammar (llama.cpp dialect) constraining the output. */
    grammar?: string;
    /**
     * A JSON Schema the output must match (llama.cpp: compiled to a grammar, reduced to the subset
     * node-llama-cpp supports; OpenAI-compatible: `response_format` json_schema, else asked for in
     * the prompt). Not with `grammar` or `choices`. The caller still validates the answer.
     */
    jsonSchema?: Record<string, unknown>;
    /** The output must be exactly one of these strings. */
    choices?: string[];
    /**
     * Ask for per-token log-probabilities of the generated text, each with the `top` (0–20) most
     * likely tokens at its position. Only backends with `tokenLogprobs: true` fill
     * `GenerateResult.logprobs`; the others reject the call with ModelError `unsupported`.
     */
    logprobs?: { top: number };
  };

export interface Usage {
  promptTokens: number;
  /** Prompt tokens that were reused from the prefix cache rather than evaluated again. */
  cachedPromptTokens: number;
  completionTokens: number;
}

export interface Timings {
  promptMs: number;
  generateMs: number;
  totalMs: number;
}

export interface GenerateResult {
  text: string;
  finishReason: 'stop' | 'length' | 'choice' | 'grammar';
  usage: Usage;
  timings: Timings;
  /** One entry per generated token when the request asked for `logprobs`. */
  logprobs?: TokenLogprob[];
}

/** A token's text, its UTF-8 bytes and its natural-log probability. */
export interface TokenAlternative {
  token: string;
  bytes: number[];
  logprob: number;
}

/**
 * One generated token: `logprob` is the model's own (raw: before temperature, grammar or choice
 * constraints), `top` the most likely tokens at its position, best first. The `token` texts of a
 * result concatenate to its `text` (a token that ends inside a multi-byte character has text ''
 * and the next one carries the whole character).
 */
export interface TokenLogprob extends TokenAlternative {
  top: TokenAlternative[];
}

export type ScoreRequest = ModelInput &
  CallOptions & {
    /** Continuations to score after the context, e.g. [" Paris", " banana"]. */
    candidates: string[];
  };

export interface ChoiceScore {
  candidate: string;
  /** Sum of the candidate tokens' log-probabilities given the context. */
  logProb: number;
  /** logProb divided by the candidate's token count. */
  meanLogProb: number;
  tokens: number;
}

export interface ScoreResult {
  /** In the order of `candidates`. */
  scores: ChoiceScore[];
  usage: Usage;
  timings: Timings;
}

export interface ModelInfo {
  /** Stable id used in traces and results, e.g. `llama:smollm2-135m-instruct-q4_1`. */
  id: string;
  backend: 'llama' | 'onnx' | 'openai' | 'scripted' | 'null';
  /** File path, folder or URL + model name. */
  source: string;
  contextSize: number;
  /** Settings that affect outputs (threads do not; quantisation, context size, chat template do). */
  settings: Record<string, string | number | boolean>;
}

export interface ModelBackend {
  readonly info: ModelInfo;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  scoreChoices(request: ScoreRequest): Promise<ScoreResult>;
  /** True when `generate` honours `request.logprobs` (per-token log-probabilities). */
  readonly tokenLogprobs?: boolean;
  /** Forget the cached prefix (e.g. between episodes). */
  resetCache(): Promise<void>;
  /**
   * Only the null chooser has this: it picks one of `options` without reading any prompt, as a
   * pure function of `key` (episode, step, attempt). The runner then skips prompt and selector.
   */
  pick?(options: readonly string[], key: string): number;
  close(): Promise<void>;
}
