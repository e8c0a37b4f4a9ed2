/**
 * The endpoints of `hearth serve-model`, each mapping OpenAI's wire format onto one ModelBackend.
 *
 * Hearth's interface has no per-token log-probabilities of a generated text, so `logprobs` answers
 * carry the whole completion as ONE segment (its log-likelihood from `scoreChoices`) and, with
 * `choices` and `top_logprobs`, the scores of the best choices as alternatives. `echo` with
 * `logprobs` on /v1/completions (prompt-token scoring) is therefore answered 400 with a pointer
 * to the extension `POST /v1/hearth/score`, which scores candidates exactly as the backend does.
 */
import type { ServerResponse } from 'node:http';
import type { ChatMessage, GenerateRequest, GenerateResult, ModelBackend, ModelInput, ScoreResult } from '../model-backend.ts';
import { MODEL_FORMAT_VERSION } from '../model-backend.ts';
import {
  chatRequestSchema,
  completionRequestSchema,
  enumFromJsonSchema,
  scoreRequestSchema,
  type JsonEnumShape,
  type SamplingBody,
  type WireMessage,
} from './server-schemas.ts';
import { HttpFailure, sendEvents, sendJson, validate } from './server-wire.ts';

/** What a route handler gets. */
export interface RouteContext {
  backend: ModelBackend;
  /** Name under which the model is listed and echoed back. */
  modelName: string;
  body: unknown;
  response: ServerResponse;
  /** Runs model work one call at a time; the signal fires when the client goes away. */
  serial<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Next response id number. */
  nextId(): number;
  startedAt: number;
}

export type RouteHandler = (context: RouteContext) => Promise<void>;

/** Default answer length when the client gives none (OpenAI's is unbounded; a planner's replies are short). */
const DEFAULT_MAX_TOKENS = 256;

interface Constraint {
  choices?: string[];
  grammar?: string;
  json?: JsonEnumShape;
}

function constraintOf(body: SamplingBody): Constraint {
  let choices = body.guided_choice ?? body.structured_outputs?.choice;
  const grammar = body.grammar ?? body.guided_grammar ?? body.structured_outputs?.grammar;
  let json: JsonEnumShape | undefined;
  if (body.response_format?.type === 'json_schema') {
    const found = enumFromJsonSchema(body.response_format.json_schema.schema);
    if ('problem' in found) throw new HttpFailure(400, found.problem, 'unsupported', 'response_format');
    if (choices) throw new HttpFailure(400, 'give the choices once: either guided_choice/structured_outputs.choice or a response_format enum', 'invalid_request', 'response_format');
    [choices, json] = [found.choices, found.shape];
  }
  if (choices && grammar) throw new HttpFailure(400, 'give either a grammar or a list of choices, not both', 'invalid_request', 'grammar');
  return { choices, grammar, json };
}

function generateRequest(body: SamplingBody, input: ModelInput, constraint: Constraint, signal: AbortSignal): GenerateRequest {
  return {
    ...input,
    signal,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS,
    temperature: body.temperature ?? 0,
    ...(body.seed == null ? {} : { seed: body.seed }),
    ...(body.stop == null ? {} : { stop: typeof body.stop === 'string' ? [body.stop] : body.stop }),
    ...(constraint.choices ? { choices: constraint.choices } : {}),
    ...(constraint.grammar ? { grammar: constraint.grammar } : {}),
  };
}

function chatMessage(message: WireMessage): ChatMessage {
  const content = typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('');
  return { role: message.role === 'developer' ? 'system' : message.role, content };
}

/** The completion as one log-prob segment, plus scored alternatives among the choices. */
interface Segment {
  logprob: number;
  top: { token: string; logprob: number }[];
}

async function segmentOf(backend: ModelBackend, input: ModelInput, text: string, choices: string[] | undefined, top: number, signal: AbortSignal): Promise<Segment> {
  const alternatives = top > 0 && choices ? choices : [];
  const candidates = [text, ...alternatives.filter((choice) => choice !== text)];
  const { scores } = await backend.scoreChoices({ ...input, candidates, signal });
  const ranked = scores.map((score) => ({ token: score.candidate, logprob: score.logProb })).sort((a, b) => b.logprob - a.logprob);
  return { logprob: scores[0]!.logProb, top: alternatives.length ? ranked.slice(0, top) : [] };
}

function usageJson(result: GenerateResult | ScoreResult) {
  const { usage, timings } = result;
  return {
    usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens, prompt_tokens_details: { cached_tokens: usage.cachedPromptTokens } },
    // llama.cpp's timings block, which Hearth's client (and others) read for the prompt/generation split.
    timings: { prompt_n: usage.promptTokens - usage.cachedPromptTokens, prompt_ms: timings.promptMs, predicted_n: usage.completionTokens, predicted_ms: timings.generateMs, cache_n: usage.cachedPromptTokens },
  };
}

function answerText(result: GenerateResult, constraint: Constraint): string {
  if (!constraint.json) return result.text;
  const { property } = constraint.json;
  return JSON.stringify(property === undefined ? result.text : { [property]: result.text });
}

const finishReason = (result: GenerateResult): string => (result.finishReason === 'length' ? 'length' : 'stop');
const bytes = (text: string): number[] => [...Buffer.from(text, 'utf8')];

const chat: RouteHandler = async (context) => {
  const body = validate(chatRequestSchema, context.body, 'chat completions');
  const input = { messages: body.messages.map(chatMessage) };
  const constraint = constraintOf(body);
  const { result, segment } = await context.serial(async (signal) => {
    const result = await context.backend.generate(generateRequest(body, input, constraint, signal));
    const segment = body.logprobs ? await segmentOf(context.backend, input, result.text, constraint.choices, body.top_logprobs ?? 0, signal) : undefined;
    return { result, segment };
  });
  const content = answerText(result, constraint);
  const logprobs = segment ? { content: [{ token: content, logprob: segment.logprob, bytes: bytes(content), top_logprobs: segment.top.map((item) => ({ ...item, bytes: bytes(item.token) })) }] } : null;
  const head = { id: `chatcmpl-hearth-${context.nextId()}`, created: Math.floor(Date.now() / 1000), model: context.modelName };
  if (!body.stream) {
    sendJson(context.response, 200, { ...head, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, logprobs, finish_reason: finishReason(result) }], ...usageJson(result) });
    return;
  }
  const chunk = { ...head, object: 'chat.completion.chunk' };
  const { usage, timings } = usageJson(result);
  sendEvents(context.response, [
    { ...chunk, choices: [{ index: 0, delta: { role: 'assistant', content }, logprobs, finish_reason: null }] },
    { ...chunk, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason(result) }], timings },
    ...(body.stream_options?.include_usage ? [{ ...chunk, choices: [], usage }] : []),
  ]);
};

const completions: RouteHandler = async (context) => {
  const body = validate(completionRequestSchema, context.body, 'completions');
  const prompt = typeof body.prompt === 'string' ? body.prompt : body.prompt[0]!;
  if (body.echo && body.logprobs != null) {
    throw new HttpFailure(400, 'echo with logprobs (prompt-token scoring) is not offered: Hearth backends score candidate continuations, not single prompt tokens. Use POST /v1/hearth/score {"prompt": CONTEXT, "candidates": [" a", " b"]}', 'unsupported', 'echo');
  }
  const input = { prompt };
  const constraint = constraintOf(body);
  const { result, segment } = await context.serial(async (signal) => {
    const result = await context.backend.generate(generateRequest(body, input, constraint, signal));
    const segment = body.logprobs != null ? await segmentOf(context.backend, input, result.text, constraint.choices, body.logprobs, signal) : undefined;
    return { result, segment };
  });
  const generated = answerText(result, constraint);
  const text = body.echo ? prompt + generated : generated;
  const logprobs = segment ? { tokens: [generated], token_logprobs: [segment.logprob], text_offset: [text.length - generated.length], top_logprobs: [Object.fromEntries(segment.top.map((item) => [item.token, item.logprob]))] } : null;
  const head = { id: `cmpl-hearth-${context.nextId()}`, object: 'text_completion', created: Math.floor(Date.now() / 1000), model: context.modelName };
  if (!body.stream) {
    sendJson(context.response, 200, { ...head, choices: [{ index: 0, text, logprobs, finish_reason: finishReason(result) }], ...usageJson(result) });
    return;
  }
  const { usage, timings } = usageJson(result);
  sendEvents(context.response, [
    { ...head, choices: [{ index: 0, text, logprobs, finish_reason: null }] },
    { ...head, choices: [{ index: 0, text: '', logprobs: null, finish_reason: finishReason(result) }], timings },
    ...(body.stream_options?.include_usage ? [{ ...head, choices: [], usage }] : []),
  ]);
};

const score: RouteHandler = async (context) => {
  const body = validate(scoreRequestSchema, context.body, 'hearth score');
  const input: ModelInput = body.messages ? { messages: body.messages.map(chatMessage) } : { prompt: body.prompt! };
  const result = await context.serial((signal) => context.backend.scoreChoices({ ...input, candidates: body.candidates, signal }));
  sendJson(context.response, 200, { object: 'hearth.score', formatVersion: MODEL_FORMAT_VERSION, model: context.modelName, ...result });
};

const reset: RouteHandler = async (context) => {
  await context.serial(() => context.backend.resetCache());
  sendJson(context.response, 200, { object: 'hearth.reset', formatVersion: MODEL_FORMAT_VERSION, ok: true });
};

const models: RouteHandler = async (context) => {
  const { info } = context.backend;
  const entry = { id: context.modelName, object: 'model', created: Math.floor(context.startedAt / 1000), owned_by: 'hearth', context_length: info.contextSize, hearth: { formatVersion: MODEL_FORMAT_VERSION, info } };
  sendJson(context.response, 200, { object: 'list', data: [entry] });
};

/** Routes by `METHOD path`. */
export const ROUTES: Record<string, RouteHandler> = {
  'GET /v1/models': models,
  'POST /v1/chat/completions': chat,
  'POST /v1/completions': completions,
  'POST /v1/hearth/score': score,
  'POST /v1/hearth/reset': reset,
};
