/**
 * The HTTP side of the OpenAI-compatible backend, on the official `openai` client: one method per
 * kind of request, each run through `runHttpCall` (deadline, cancellation, retries, typed errors)
 * and each answer validated. The client's own retries are off so that only one policy applies.
 */
import OpenAI, { APIUserAbortError } from 'openai';
import type { ChatMessage, ModelInput, ScoreResult, Timings, Usage } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { runHttpCall, type RetryPolicy } from './http-call.ts';
import type { ModelListEntry } from './openai-capabilities.ts';
import {
  chatResponseSchema,
  completionResponseSchema,
  hearthScoreSchema,
  parseAnswer,
  streamChunkSchema,
  timingsFrom,
  usageFrom,
} from './openai-responses.ts';

/** Deadline and cancellation shared by every request of one backend call. */
export interface CallBudget {
  signal?: AbortSignal;
  /** Absolute deadline (ms since epoch), or undefined for none. */
  deadline?: number;
  /** The timeout the deadline came from, for messages. */
  timeoutMs?: number;
}

/** Sampling settings and extra body fields of one generation request. */
export interface WireGenerate {
  input: ModelInput;
  maxTokens: number;
  stop?: string[];
  temperature: number;
  seed?: number;
  /** Dialect fields (grammar, guided_choice …) merged into the body. */
  extra: Record<string, unknown>;
}

/** What came back from one generation request. */
export interface WireAnswer {
  text: string;
  /** The server's finish reason, e.g. `stop` or `length`. */
  finishReason: string;
  usage: Usage;
  timings: Timings;
}

/** Settings of one transport. */
export interface TransportOptions {
  baseURL: string;
  model: string;
  modelId: string;
  apiKey?: string;
  policy: RetryPolicy;
  /** Stream answers over SSE (gives time-to-first-token as prompt time when the server reports none). */
  stream: boolean;
}

type Endpoint = 'chat' | 'completions';
type StreamChunk = ReturnType<typeof streamChunkSchema.parse>;

export class OpenAiTransport {
  private readonly client: OpenAI;

  constructor(private readonly options: TransportOptions) {
    // Local servers need no key, but the client insists on one.
    this.client = new OpenAI({ baseURL: options.baseURL, apiKey: options.apiKey ?? 'sk-no-key-needed', maxRetries: 0, timeout: 24 * 3600_000, fetch: errorBodyFetch });
  }

  private run<T>(what: string, budget: CallBudget, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const remainingMs = budget.deadline === undefined ? undefined : Math.max(1, budget.deadline - Date.now());
    return runHttpCall({ modelId: this.options.modelId, what, signal: budget.signal, timeoutMs: budget.timeoutMs ?? remainingMs, remainingMs, policy: this.options.policy }, attempt);
  }

  /** `GET /models`, as raw entries. */
  listModels(budget: CallBudget): Promise<ModelListEntry[]> {
    return this.run('GET /models', budget, async (signal) => {
      const answer: unknown = await this.client.get('/models', { signal });
      const data = (answer as { data?: unknown } | null)?.data;
      if (!Array.isArray(data)) throw new ModelError('malformed-response', `GET /models (${this.options.modelId}) answered without a data array`, { modelId: this.options.modelId });
      return data as ModelListEntry[];
    });
  }

  /** One generation on the chat or completions endpoint. */
  generate(endpoint: Endpoint, request: WireGenerate, budget: CallBudget): Promise<WireAnswer> {
    const body = this.body(endpoint, request);
    const what = `POST /${endpoint === 'chat' ? 'chat/completions' : 'completions'}`;
    return this.run(what, budget, (signal) => (this.options.stream ? this.streamed(endpoint, body, signal, what) : this.whole(endpoint, body, signal, what)));
  }

  private body(endpoint: Endpoint, request: WireGenerate): Record<string, unknown> {
    const input = endpoint === 'chat' ? { messages: chatMessages(request.input) } : { prompt: (request.input as { prompt: string }).prompt };
    return {
      model: this.options.model,
      ...input,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      ...(request.seed === undefined ? {} : { seed: request.seed }),
      ...(request.stop?.length ? { stop: request.stop } : {}),
      ...request.extra,
    };
  }

  private async whole(endpoint: Endpoint, body: Record<string, unknown>, signal: AbortSignal, what: string): Promise<WireAnswer> {
    const started = performance.now();
    const modelId = this.options.modelId;
    if (endpoint === 'chat') {
      const raw: unknown = await this.client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, { signal });
      const answer = parseAnswer(chatResponseSchema, raw, what, modelId);
      const choice = answer.choices[0]!;
      return { text: choice.message.content ?? '', finishReason: choice.finish_reason ?? 'stop', usage: usageFrom(answer.usage, answer.timings), timings: timingsFrom(started, answer.timings) };
    }
    const raw: unknown = await this.client.completions.create(body as unknown as OpenAI.CompletionCreateParamsNonStreaming, { signal });
    const answer = parseAnswer(completionResponseSchema, raw, what, modelId);
    const choice = answer.choices[0]!;
    return { text: choice.text, finishReason: choice.finish_reason ?? 'stop', usage: usageFrom(answer.usage, answer.timings), timings: timingsFrom(started, answer.timings) };
  }

  private async streamed(endpoint: Endpoint, body: Record<string, unknown>, signal: AbortSignal, what: string): Promise<WireAnswer> {
    const started = performance.now();
    const streamBody = { ...body, stream: true, stream_options: { include_usage: true } };
    const stream =
      endpoint === 'chat'
        ? await this.client.chat.completions.create(streamBody as unknown as OpenAI.ChatCompletionCreateParamsStreaming, { signal })
        : await this.client.completions.create(streamBody as unknown as OpenAI.CompletionCreateParamsStreaming, { signal });
    let text = '';
    let finishReason: string | undefined;
    let firstByteAt: number | undefined;
    // Usage and timings may come in different chunks (llama.cpp: timings with the finish, usage after).
    let usage: StreamChunk['usage'];
    let timings: StreamChunk['timings'];
    for await (const raw of stream as AsyncIterable<unknown>) {
      const chunk = parseAnswer(streamChunkSchema, raw, what, this.options.modelId);
      firstByteAt ??= performance.now();
      for (const choice of chunk.choices) {
        text += choice.delta?.content ?? choice.text ?? '';
        finishReason = choice.finish_reason ?? finishReason;
      }
      usage = chunk.usage ?? usage;
      timings = chunk.timings ?? timings;
    }
    // The client's stream ends quietly when aborted; the deadline or the caller must still win.
    if (signal.aborted) throw new APIUserAbortError();
    if (finishReason === undefined) {
      throw new ModelError('truncated-response', `${what} (${this.options.modelId}): the stream ended before a finish_reason (${text.length} characters received)`, { modelId: this.options.modelId });
    }
    return { text, finishReason, usage: usageFrom(usage, timings), timings: timingsFrom(started, timings, firstByteAt) };
  }

  /** Hearth's `POST /hearth/score`: scores exactly as the served backend does, chat messages included. */
  hearthScore(input: ModelInput, candidates: string[], budget: CallBudget): Promise<ScoreResult> {
    const what = 'POST /hearth/score';
    return this.run(what, budget, async (signal) => {
      const raw: unknown = await this.client.post('/hearth/score', { body: { model: this.options.model, ...input, candidates }, signal });
      return parseAnswer(hearthScoreSchema, raw, what, this.options.modelId);
    });
  }

  /** `POST /completions` with `echo` and `logprobs`: one prompt per candidate, in one batch. */
  echoLogprobs(prompts: string[], budget: CallBudget) {
    const what = 'POST /completions (echo)';
    return this.run(what, budget, async (signal) => {
      const started = performance.now();
      // max_tokens 1, not 0: vLLM and OpenAI's legacy API accept both, some servers only ≥ 1; the generated token is ignored.
      const body = { model: this.options.model, prompt: prompts, echo: true, logprobs: 0, max_tokens: 1, temperature: 0 };
      const raw: unknown = await this.client.completions.create(body as OpenAI.CompletionCreateParamsNonStreaming, { signal });
      const answer = parseAnswer(completionResponseSchema, raw, what, this.options.modelId);
      return { answer, usage: usageFrom(answer.usage, answer.timings), timings: timingsFrom(started, answer.timings) };
    });
  }

  /** Hearth's `POST /hearth/reset`: the served backend forgets its prefix cache. */
  reset(budget: CallBudget): Promise<void> {
    return this.run('POST /hearth/reset', budget, async (signal) => {
      await this.client.post('/hearth/reset', { body: {}, signal });
    });
  }
}

/**
 * fetch that rewrites error bodies without an `error` key (older vLLM: `{"object":"error","message":…}`)
 * into `{"error": …}`, which is the only shape the client reads — otherwise the server's message is lost.
 */
async function errorBodyFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const wrapped = body && typeof body === 'object' && !('error' in body) ? JSON.stringify({ error: body }) : text;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(wrapped, { status: response.status, statusText: response.statusText, headers });
}

function chatMessages(input: ModelInput): ChatMessage[] {
  // Raw prompts reach the chat endpoint only when the server has no /completions.
  return 'messages' in input ? input.messages : [{ role: 'user', content: input.prompt }];
}
