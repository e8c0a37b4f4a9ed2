/**
 * Fault injection: the OpenAI-compatible backend against a scripted fake server on 127.0.0.1.
 * Every failure must come back as a typed ModelError, bounded in time, never a hang.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelError } from '../model-error.ts';
import { chatChunk, startFakeServer, type FakeBehaviour, type FakeRequest, type FakeServer } from './fake-openai-server.ts';
import { createOpenAiBackend, type OpenAiBackendOptions } from './openai-backend.ts';

const BOUND = 8_000; // every test ends well within this (the deadlines below are ≤ 1 s)
const messages = [{ role: 'user' as const, content: 'Which action?' }];

let fake: FakeServer;
let script: (request: FakeRequest, index: number) => FakeBehaviour;

beforeAll(async () => {
  fake = await startFakeServer((request, index) => script(request, index));
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function backend(options: Partial<OpenAiBackendOptions> = {}) {
  return createOpenAiBackend({ baseURL: fake.url, model: 'fake-model', timeoutMs: 1_000, maxRetries: 2, retryBaseMs: 5, capabilities: { kind: 'generic' }, ...options });
}

/** The ModelError a call fails with (fails the test if it succeeds or throws something else). */
async function failure(call: Promise<unknown>): Promise<ModelError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

/** Answers `first` for the first `count` requests, then `then`. */
const sequence = (count: number, first: FakeBehaviour, then: FakeBehaviour) => (_request: FakeRequest, index: number) => (index < count ? first : then);

describe('OpenAI-compatible backend under injected faults', () => {
  it('times out a hanging server within the deadline', { timeout: BOUND }, async () => {
    script = () => ({ type: 'hang' });
    const error = await failure(backend({ timeoutMs: 300 }).generate({ messages }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('300 ms');
  });

  it('times out when retries would outlive the deadline', { timeout: BOUND }, async () => {
    script = () => ({ type: 'json', status: 503, body: { error: { message: 'busy' } } });
    const error = await failure(backend({ timeoutMs: 300, maxRetries: 50, retryBaseMs: 100 }).generate({ messages }));
    expect(error.reason).toBe('timeout');
  });

  it('cancels a hanging call when the caller aborts', { timeout: BOUND }, async () => {
    script = () => ({ type: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(backend({ timeoutMs: 5_000 }).generate({ messages, signal: controller.signal }));
    expect(error.reason).toBe('cancelled');
  });

  it.each([500, 502, 503])('retries HTTP %i, then fails with http-status', { timeout: BOUND }, async (status) => {
    script = () => ({ type: 'json', status, body: { error: { message: 'server exploded' } } });
    const error = await failure(backend({ maxRetries: 2 }).generate({ messages }));
    expect(error.reason).toBe('http-status');
    expect(error.status).toBe(status);
    expect(error.transient).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });

  it('recovers from 429 rate limiting by retrying (honouring Retry-After)', { timeout: BOUND }, async () => {
    script = sequence(2, { type: 'json', status: 429, body: { error: { message: 'slow down' } }, headers: { 'retry-after': '0' } }, { type: 'chat', text: 'look' });
    const result = await backend().generate({ messages });
    expect(result.text).toBe('look');
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 404 and says to check the base URL', { timeout: BOUND }, async () => {
    script = () => ({ type: 'json', status: 404, body: { error: { message: 'no such route' } } });
    const error = await failure(backend().generate({ messages }));
    expect(error.reason).toBe('http-status');
    expect(error.status).toBe(404);
    expect(error.message).toContain('base URL');
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ['llama.cpp', { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error' } }],
    ['vLLM', { object: 'error', message: "This model's maximum context length is 2048 tokens. However, you requested 4100 tokens.", type: 'BadRequestError', code: 400 }],
    ['OpenAI', { error: { message: 'too long', type: 'invalid_request_error', code: 'context_length_exceeded' } }],
  ])('reports a %s context overflow as context-overflow', { timeout: BOUND }, async (_server, body) => {
    script = () => ({ type: 'json', status: 400, body });
    const error = await failure(backend().generate({ messages }));
    expect(error.reason).toBe('context-overflow');
  });

  it('reports invalid JSON as malformed-response without retrying', { timeout: BOUND }, async () => {
    script = () => ({ type: 'raw', contentType: 'application/json', body: '{"choices": [{"message": ' });
    const error = await failure(backend().generate({ messages }));
    expect(error.reason).toBe('malformed-response');
    expect(fake.requests).toHaveLength(1);
  });

  it('reports JSON of the wrong shape as malformed-response naming the field', { timeout: BOUND }, async () => {
    script = () => ({ type: 'json', body: { answer: 'look' } });
    const error = await failure(backend().generate({ messages }));
    expect(error.reason).toBe('malformed-response');
    expect(error.message).toContain('choices');
  });

  it('reports an HTML page as malformed-response', { timeout: BOUND }, async () => {
    script = () => ({ type: 'raw', contentType: 'text/html', body: '<html>proxy login</html>' });
    const error = await failure(backend().generate({ messages }));
    expect(error.reason).toBe('malformed-response');
  });

  it('retries a body cut off mid-way, then fails with truncated-response', { timeout: BOUND }, async () => {
    script = () => ({ type: 'truncated-body' });
    const error = await failure(backend({ maxRetries: 1 }).generate({ messages }));
    expect(error.reason).toBe('truncated-response');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a stream that ends without a finish reason as truncated-response', { timeout: BOUND }, async () => {
    script = () => ({ type: 'stream', chunks: [chatChunk('open ')], ending: 'clean-close' });
    const error = await failure(backend({ stream: true, maxRetries: 1 }).generate({ messages }));
    expect(error.reason).toBe('truncated-response');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a stream whose connection dies as truncated-response', { timeout: BOUND }, async () => {
    script = () => ({ type: 'stream', chunks: [chatChunk('open ')], ending: 'destroy' });
    const error = await failure(backend({ stream: true, maxRetries: 0 }).generate({ messages }));
    expect(error.reason).toBe('truncated-response');
  });

  it('recovers when a truncated stream is followed by a whole one', { timeout: BOUND }, async () => {
    script = sequence(1, { type: 'stream', chunks: [chatChunk('open ')], ending: 'destroy' }, { type: 'stream', chunks: [chatChunk('open '), chatChunk('fridge 1', 'stop')], ending: 'done' });
    const result = await backend({ stream: true }).generate({ messages });
    expect(result.text).toBe('open fridge 1');
  });

  it('reports a connection reset before any answer as connection-failed', { timeout: BOUND }, async () => {
    script = () => ({ type: 'reset' });
    const error = await failure(backend({ maxRetries: 1 }).generate({ messages }));
    expect(error.reason).toBe('connection-failed');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a closed port as connection-failed', { timeout: BOUND }, async () => {
    const closed = await startFakeServer(() => ({ type: 'hang' }));
    const url = closed.url;
    await closed.close();
    const error = await failure(createOpenAiBackend({ baseURL: url, model: 'm', maxRetries: 1, retryBaseMs: 5, timeoutMs: 2_000 }).generate({ messages }));
    expect(error.reason).toBe('connection-failed');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
