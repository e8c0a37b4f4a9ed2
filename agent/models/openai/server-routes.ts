/**
 * The endpoints of `hearth serve-model`, each mapping OpenAI's wire format onto one ModelBackend.
 *
 * `logprobs` (chat: with `top_logprobs`; completions: `logprobs: N`) come per generated token from
 * backends that compute them (`tokenLogprobs`, llama.cpp); for others the request is answered 400
 * naming the parameter. They are the model's raw log-probabilities, before temperature and
 * constraints, as vLLM's default. When a response_format enum answer is wrapped in JSON by the
 * server, the entries cover the chosen value only. `echo` with `logprobs` on /v1/completions
 * (prompt-token scoring) is answered 400 with a pointer to the extension `POST /v1/hearth/score`,
 * which scores candidates exactly as the backend does. A `model` other than the served one (its
 * listed name or backend id) is answered 404 `model_not_found`, as OpenAI and vLLM do.
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
import { chatLogprobs, completionLogprobs, streamPieces } from './server-logprobs.ts';
import { tokenLogprobsOption, checkServedModel } from './server-checks.ts';

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
  /** Set when a response_format enum became `choices`: the answer is wrapped back into JSON. */
  json?: JsonEnumShape;
  /** Any other response_format schema, passed to the backend as `jsonSchema`. */
  jsonSchema?: Record<string, unknown>;
}

/** What `response_format: {type: "json_object"}` asks for: any JSON object. */
const ANY_JSON_OBJECT = { type: 'object', additionalProperties: true };

function constraintOf(body: SamplingBody): Constraint {
  let choices = body.guided_choice ?? body.structured_outputs?.choice;
  const grammar = body.grammar ?? body.guided_grammar ?? body.structured_outputs?.grammar;
  let json: JsonEnumShape | undefined;
  let jsonSchema: Record<string, unknown> | undefined;
  const format = body.response_format;
  if (format?.type === 'json_schema') {
    // A string enum is answered as exact choices (the same answer `guided_choice` gives); any other schema goes to the backend.
    const found = enumFromJsonSchema(format.json_schema.schema);
    if (found && choices) throw new HttpFailure(400, 'give the choices once: either guided_choice/structured_outputs.choice or a response_format enum', 'invalid_request', 'response_format');
    if (found) [choices, json] = [found.choices, found.shape];
    else jsonSchema = format.json_schema.schema;
  } else if (format?.type === 'json_object') jsonSchema = ANY_JSON_OBJECT;
  if (choices && grammar) throw new HttpFailure(400, 'give either a grammar or a list of choices, not both', 'invalid_request', 'grammar');
  if (jsonSchema && (choices || grammar)) throw new HttpFailure(400, 'give either a response_format JSON schema or a grammar/list of choices, not both', 'invalid_request', 'response_format');
  return { choices, grammar, json, jsonSchema };
}

function generateRequest(body: SamplingBody, input: ModelInput, constraint: Constraint, logprobs: GenerateRequest['logprobs'], signal: AbortSignal): GenerateRequest {
  return {
    ...input,
    signal,
    maxTokens: body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS,
    temperature: body.temperature ?? 0,
    ...(body.seed == null ? {} : { seed: body.seed }),
    ...(body.stop == null ? {} : { stop: typeof body.stop === 'string' ? [body.stop] : body.stop }),
    ...(constraint.choices ? { choices: constraint.choices } : {}),
    ...(constraint.grammar ? { grammar: constraint.grammar } : {}),
    ...(constraint.jsonSchema ? { jsonSchema: constraint.jsonSchema } : {}),
    ...(logprobs ? { logprobs } : {}),
  };
}

function chatMessage(message: WireMessage): ChatMessage {
  const content = typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('');
  return { role: message.role === 'developer' ? 'system' : message.role, content };
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

const chat: RouteHandler = async (context) => {
  const body = validate(chatRequestSchema, context.body, 'chat completions');
  checkServedModel(context, body.model);
  const input = { messages: body.messages.map(chatMessage) };
  const constraint = constraintOf(body);
  const logprobs = body.logprobs ? tokenLogprobsOption(context.backend, body.top_logprobs ?? 0, 'logprobs') : undefined;
  const result = await context.serial((signal) => context.backend.generate(generateRequest(body, input, constraint, logprobs, signal)));
  const content = answerText(result, constraint);
  const head = { id: `chatcmpl-hearth-${context.nextId()}`, created: Math.floor(Date.now() / 1000), model: context.modelName };
  if (!body.stream) {
    const choice = { index: 0, message: { role: 'assistant', content }, logprobs: result.logprobs ? chatLogprobs(result.logprobs) : null, finish_reason: finishReason(result) };
    sendJson(context.response, 200, { ...head, object: 'chat.completion', choices: [choice], ...usageJson(result) });
    return;
  }
  const chunk = { ...head, object: 'chat.completion.chunk' };
  const { usage, timings } = usageJson(result);
  const pieces = streamPieces(content, result.logprobs).map((piece, index) => ({
    ...chunk,
    choices: [{ index: 0, delta: index === 0 ? { role: 'assistant', content: piece.text } : { content: piece.text }, logprobs: piece.entries ? chatLogprobs(piece.entries) : null, finish_reason: null }],
  }));
  sendEvents(context.response, [
    ...pieces,
    { ...chunk, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason(result) }], timings },
    ...(body.stream_options?.include_usage ? [{ ...chunk, choices: [], usage }] : []),
  ]);
};

const completions: RouteHandler = async (context) => {
  const body = validate(completionRequestSchema, context.body, 'completions');
  checkServedModel(context, body.model);
  const prompt = typeof body.prompt === 'string' ? body.prompt : body.prompt[0]!;
  if (body.echo && body.logprobs != null) {
    throw new HttpFailure(400, 'echo with logprobs (prompt-token scoring) is not offered: Hearth backends score candidate continuations, not single prompt tokens. Use POST /v1/hearth/score {"prompt": CONTEXT, "candidates": [" a", " b"]}', 'unsupported', 'echo');
  }
  const input = { prompt };
  const constraint = constraintOf(body);
  const logprobs = body.logprobs != null ? tokenLogprobsOption(context.backend, body.logprobs, 'logprobs') : undefined;
  const result = await context.serial((signal) => context.backend.generate(generateRequest(body, input, constraint, logprobs, signal)));
  const generated = answerText(result, constraint);
  const echoed = body.echo ? prompt : '';
  const head = { id: `cmpl-hearth-${context.nextId()}`, object: 'text_completion', created: Math.floor(Date.now() / 1000), model: context.modelName };
  if (!body.stream) {
    const choice = { index: 0, text: echoed + generated, logprobs: result.logprobs ? completionLogprobs(result.logprobs, echoed.length) : null, finish_reason: finishReason(result) };
    sendJson(context.response, 200, { ...head, choices: [choice], ...usageJson(result) });
    return;
  }
  const { usage, timings } = usageJson(result);
  let offset = echoed.length;
  const pieces = streamPieces(generated, result.logprobs).map((piece, index) => {
    const logprobsJson = piece.entries ? completionLogprobs(piece.entries, offset) : null;
    offset += piece.text.length;
    return { ...head, choices: [{ index: 0, text: (index === 0 ? echoed : '') + piece.text, logprobs: logprobsJson, finish_reason: null }] };
  });
  sendEvents(context.response, [
    ...pieces,
    { ...head, choices: [{ index: 0, text: '', logprobs: null, finish_reason: finishReason(result) }], timings },
    ...(body.stream_options?.include_usage ? [{ ...head, choices: [], usage }] : []),
  ]);
};

const score: RouteHandler = async (context) => {
  const body = validate(scoreRequestSchema, context.body, 'hearth score');
  checkServedModel(context, body.model);
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
