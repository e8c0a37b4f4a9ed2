/**
 * `hearth serve-model` as the official `openai` npm client sees it, serving the real default model
 * (SmolLM2-135M-Instruct Q4_1 via llama.cpp, one thread), started once for the file: chat,
 * streaming, per-token logprobs (chat and legacy completions), a json_schema answer, 404 for a
 * model the server does not serve, and the error shape of a bad request.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelBackend } from '../model-backend.ts';
import { DEFAULT_MODEL_ID } from '../catalog/model-catalog.ts';
import { openDefaultModel } from '../../../test-support/real-model.ts';
import { startModelServer, type ModelServer } from './model-server.ts';

const BOUND = 60_000;
const messages = [{ role: 'user' as const, content: 'Name one room of a house.' }];
const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];

let backend: ModelBackend;
let server: ModelServer;
let client: OpenAI;

beforeAll(async () => {
  backend = await openDefaultModel();
  server = await startModelServer({ backend, modelName: DEFAULT_MODEL_ID });
  client = new OpenAI({ apiKey: 'unused', baseURL: server.url, maxRetries: 0, timeout: BOUND });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await backend?.close();
});

/** Rejection of `work`, for asserting on the client's error classes. */
const failure = (work: Promise<unknown>): Promise<unknown> => work.then(() => undefined, (error: unknown) => error);

describe('hearth serve-model through the official openai npm client (real default model)', () => {
  it('answers a chat completion with the greedy text the backend generates', { timeout: BOUND }, async () => {
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, max_tokens: 12 });
    const direct = await backend.generate({ messages, maxTokens: 12 });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]!.message).toMatchObject({ role: 'assistant', content: direct.text });
    expect(direct.text.length).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBe(direct.usage.completionTokens);
  });

  it('streams the same text as the whole answer', { timeout: BOUND }, async () => {
    const whole = await client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, max_tokens: 12 });
    const stream = await client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, max_tokens: 12, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(whole.choices[0]!.message.content);
    expect(usage?.completion_tokens).toBe(whole.usage?.completion_tokens);
  });

  it('returns one logprobs entry per generated token, each with its top alternatives', { timeout: BOUND }, async () => {
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, max_tokens: 8, logprobs: true, top_logprobs: 3 });
    const choice = completion.choices[0]!;
    const entries = choice.logprobs!.content!;
    expect(entries).toHaveLength(completion.usage!.completion_tokens);
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.map((item) => item.token).join('')).toBe(choice.message.content);
    for (const item of entries) {
      expect(item.logprob).toBeLessThanOrEqual(0);
      expect(item.bytes).toEqual(utf8(item.token));
      expect(item.top_logprobs).toHaveLength(3);
      const values = item.top_logprobs.map((alternative) => alternative.logprob);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(values.every((value) => value <= 0)).toBe(true);
      // Greedy decoding: the chosen token is the most likely one.
      expect(item.top_logprobs[0]).toMatchObject({ token: item.token });
      expect(Math.abs(item.top_logprobs[0]!.logprob - item.logprob)).toBeLessThan(1e-6);
    }
    // The same numbers as scoring the answer as a whole continuation.
    const { scores } = await backend.scoreChoices({ messages, candidates: [choice.message.content!] });
    const sum = entries.reduce((total, item) => total + item.logprob, 0);
    expect(Math.abs(sum - scores[0]!.logProb)).toBeLessThan(1e-2);
  });

  it('streams logprobs with each chunk, matching the whole answer', { timeout: BOUND }, async () => {
    const whole = await client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, max_tokens: 6, logprobs: true, top_logprobs: 2 });
    const stream = await client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, max_tokens: 6, logprobs: true, top_logprobs: 2, stream: true });
    const streamed: OpenAI.ChatCompletionTokenLogprob[] = [];
    let chunks = 0;
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.logprobs?.content;
      if (content) [chunks, streamed.length] = [chunks + 1, streamed.push(...content)];
    }
    const expected = whole.choices[0]!.logprobs!.content!;
    expect(expected).toHaveLength(whole.usage!.completion_tokens);
    expect(chunks).toBe(expected.length); // one chunk per token
    expect(chunks).toBeGreaterThan(1);
    expect(streamed.map((item) => item.token)).toEqual(expected.map((item) => item.token));
    for (const [index, item] of streamed.entries()) expect(Math.abs(item.logprob - expected[index]!.logprob)).toBeLessThan(1e-3);
  });

  it('returns legacy completion logprobs (logprobs: N) per token', { timeout: BOUND }, async () => {
    const completion = await client.completions.create({ model: DEFAULT_MODEL_ID, prompt: 'The capital of France is', max_tokens: 4, logprobs: 2 });
    const { text, logprobs } = completion.choices[0]!;
    expect(logprobs!.tokens!.join('')).toBe(text);
    expect(logprobs!.tokens).toHaveLength(4);
    expect(logprobs!.token_logprobs!.every((value) => value <= 0)).toBe(true);
    expect(logprobs!.text_offset![0]).toBe(0);
    for (const top of logprobs!.top_logprobs!) expect(Object.keys(top).length).toBeGreaterThanOrEqual(1);
  });

  it('answers a json_schema response format with JSON that has the required property', { timeout: BOUND }, async () => {
    const schema = { type: 'object', properties: { room: { type: 'string', maxLength: 20 } }, required: ['room'], additionalProperties: false };
    const completion = await client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, max_tokens: 24, response_format: { type: 'json_schema', json_schema: { name: 'room', schema } } });
    const answer = JSON.parse(completion.choices[0]!.message.content!) as { room?: unknown };
    expect(typeof answer.room).toBe('string');
  });

  it('raises NotFoundError (404 model_not_found) for a model the server does not serve', { timeout: BOUND }, async () => {
    const error = await failure(client.chat.completions.create({ model: 'nope', messages, max_tokens: 4 }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model', type: 'invalid_request_error' });
  });

  it('raises BadRequestError with the OpenAI error shape for an invalid parameter', { timeout: BOUND }, async () => {
    const error = await failure(client.chat.completions.create({ model: DEFAULT_MODEL_ID, messages, temperature: -1 }));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', param: 'temperature' });
    expect((error as Error).message).toContain('temperature');
  });
});
