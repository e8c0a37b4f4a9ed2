/**
 * `jsonSchema` on the OpenAI-compatible backend, against a scripted fake: sent as
 * `response_format` json_schema, and — once a server refuses that — asked for in the prompt.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeBehaviour, type FakeRequest, type FakeServer } from './fake-openai-server.ts';
import { createOpenAiBackend } from './openai-backend.ts';

const schema = { type: 'object', properties: { part: { type: 'string' } }, required: ['part'], additionalProperties: false };
const messages = [{ role: 'user' as const, content: 'Which part?' }];

let fake: FakeServer;
let chat: (request: FakeRequest) => FakeBehaviour;
beforeAll(async () => {
  fake = await startFakeServer((request) => (request.path === '/v1/models' ? { type: 'models', ownedBy: 'openai' } : chat(request)));
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});
const chats = () => fake.requests.filter((request) => request.path === '/v1/chat/completions');
const backend = () => createOpenAiBackend({ baseURL: fake.url, model: 'fake-model', timeoutMs: 2_000, retryBaseMs: 5 });

describe('jsonSchema on an OpenAI-compatible server', () => {
  it('sends response_format json_schema (strict) and returns the answer as the server gave it', { timeout: 8_000 }, async () => {
    chat = () => ({ type: 'chat', text: '{"part":"loop-detection"}' });
    const result = await backend().generate({ messages, jsonSchema: schema });
    expect(result).toMatchObject({ text: '{"part":"loop-detection"}', finishReason: 'grammar', jsonSchemaMethod: 'server-constraint' });
    expect(chats()[0]!.body!.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } });
  });

  it('falls back to the schema in the prompt when the server refuses response_format, and remembers it', { timeout: 8_000 }, async () => {
    chat = (request) => (request.body!.response_format ? { type: 'json', status: 400, body: { error: { message: 'response_format not supported' } } } : { type: 'chat', text: '{"part":"search-once"}' });
    const model = backend();
    const first = await model.generate({ messages, jsonSchema: schema });
    const second = await model.generate({ messages, jsonSchema: schema });
    expect(first).toMatchObject({ text: '{"part":"search-once"}', finishReason: 'stop', jsonSchemaMethod: 'prompt' });
    expect(second.jsonSchemaMethod).toBe('prompt');
    expect(chats().map((request) => 'response_format' in request.body!)).toEqual([true, false, false]);
    const sent = chats()[1]!.body!.messages as { content: string }[];
    expect(sent.at(-1)!.content).toContain('Which part?');
    expect(sent.at(-1)!.content).toContain(JSON.stringify(schema));
  });
});
