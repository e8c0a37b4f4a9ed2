/**
 * Server mechanics of `startModelServer` — one model call at a time, cancellation when the client
 * leaves, graceful close, loopback binding — with a stub backend whose calls wait on a gate; and
 * its request handling (model names, logprobs, response formats) with a recording backend.
 * (Model behaviour through the server is tested with the real model in openai-backend.test.ts and
 * openai-client.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult, ModelBackend, TokenLogprob } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { createScriptedBackend } from '../scripted-backend.ts';
import { startModelServer, type ModelServer } from './model-server.ts';

const BOUND = 8_000;

/** A backend whose `generate` calls wait until released, recording concurrency and cancellations. */
function gatedBackend() {
  const waiting: (() => void)[] = [];
  const stats = { running: 0, maxRunning: 0, started: 0, cancelled: 0 };
  const backend: ModelBackend = {
    info: { id: 'stub', backend: 'scripted', source: 'stub', contextSize: 64, settings: {} },
    generate: (request: GenerateRequest) =>
      new Promise<GenerateResult>((resolve, reject) => {
        stats.started++;
        stats.maxRunning = Math.max(stats.maxRunning, ++stats.running);
        const finish = (): void => {
          stats.running--;
          resolve({ text: 'done', finishReason: 'stop', usage: { promptTokens: 1, cachedPromptTokens: 0, completionTokens: 1 }, timings: { promptMs: 0, generateMs: 0, totalMs: 0 } });
        };
        waiting.push(finish);
        request.signal?.addEventListener('abort', () => {
          stats.running--;
          stats.cancelled++;
          reject(new ModelError('cancelled', 'stub cancelled'));
        });
      }),
    scoreChoices: () => Promise.reject(new ModelError('unsupported', 'stub')),
    resetCache: async () => {},
    close: async () => {},
  };
  const releaseOne = (): void => waiting.shift()?.();
  return { backend, stats, releaseOne };
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

const servers: ModelServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(backend: ModelBackend): Promise<ModelServer> {
  const server = await startModelServer({ backend, graceMs: 2_000 });
  servers.push(server);
  return server;
}

const chat = (server: ModelServer, signal?: AbortSignal) =>
  fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }), signal });

describe('model server mechanics', () => {
  it('binds 127.0.0.1 by default', { timeout: BOUND }, async () => {
    const server = await serve(gatedBackend().backend);
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('runs model calls one at a time', { timeout: BOUND }, async () => {
    const { backend, stats, releaseOne } = gatedBackend();
    const server = await serve(backend);
    const answers = [chat(server), chat(server), chat(server)];
    for (let released = 0; released < 3; released++) {
      await until(() => stats.running === 1);
      releaseOne();
    }
    const statuses = (await Promise.all(answers)).map((response) => response.status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(stats.maxRunning).toBe(1);
  });

  it('cancels the model call when the client disconnects', { timeout: BOUND }, async () => {
    const { backend, stats } = gatedBackend();
    const server = await serve(backend);
    const controller = new AbortController();
    const answer = chat(server, controller.signal).catch(() => 'aborted');
    await until(() => stats.running === 1);
    controller.abort();
    expect(await answer).toBe('aborted');
    await until(() => stats.cancelled === 1);
    expect(stats.running).toBe(0);
  });

  it('lets a call in flight finish on close, then refuses new connections', { timeout: BOUND }, async () => {
    const { backend, stats, releaseOne } = gatedBackend();
    const server = await startModelServer({ backend, graceMs: 5_000 });
    const answer = chat(server);
    await until(() => stats.running === 1);
    const closed = server.close();
    releaseOne();
    expect((await answer).status).toBe(200);
    await closed;
    const after = await chat(server).catch((error: Error) => error);
    expect(after).toBeInstanceOf(Error);
  });

  it('cancels calls still running when the grace period ends', { timeout: BOUND }, async () => {
    const { backend, stats } = gatedBackend();
    const server = await startModelServer({ backend, graceMs: 50 });
    const answer = chat(server).then((response) => response.status, () => 'dropped');
    await until(() => stats.running === 1);
    await server.close();
    expect(stats.cancelled).toBe(1);
    expect(['dropped', 499]).toContain(await answer);
  });
});

const USAGE = { promptTokens: 3, cachedPromptTokens: 0, completionTokens: 2 };
const NO_TIME = { promptMs: 0, generateMs: 0, totalMs: 0 };
const entry = (token: string, logprob: number): TokenLogprob => ({ token, logprob, bytes: [...Buffer.from(token)], top: [{ token, logprob, bytes: [...Buffer.from(token)] }] });

/** A backend that records each GenerateRequest and answers "Hi there" (with per-token logprobs when asked). */
function recordingBackend() {
  const requests: GenerateRequest[] = [];
  const backend: ModelBackend = {
    info: { id: 'llama:recorder', backend: 'llama', source: 'test', contextSize: 64, settings: {} },
    tokenLogprobs: true,
    generate: async (request) => {
      requests.push(request);
      return { text: 'Hi there', finishReason: 'stop', usage: USAGE, timings: NO_TIME, ...(request.logprobs ? { logprobs: [entry('Hi', -0.5), entry(' there', -1.25)] } : {}) };
    },
    scoreChoices: () => Promise.reject(new ModelError('unsupported', 'recorder')),
    resetCache: async () => {},
    close: async () => {},
  };
  return { backend, requests };
}

async function post(server: ModelServer, path: string, body: object): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, json: response.headers.get('content-type') === 'application/json' ? JSON.parse(text) : undefined };
}

const hi = [{ role: 'user', content: 'hi' }];

describe('model server request handling', () => {
  it('answers a model it does not serve with 404 model_not_found, naming the parameter', { timeout: BOUND }, async () => {
    const { backend, requests } = recordingBackend();
    const server = await startModelServer({ backend, modelName: 'smollm2-135m' });
    servers.push(server);
    const { status, json } = await post(server, '/chat/completions', { model: 'nope', messages: hi });
    expect(status).toBe(404);
    expect(json.error).toMatchObject({ type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
    expect(json.error.message).toContain("'nope'");
    expect(json.error.message).toContain('smollm2-135m');
    expect((await post(server, '/completions', { model: 'nope', prompt: 'x' })).status).toBe(404);
    expect(requests).toHaveLength(0);
    for (const model of ['smollm2-135m', 'llama:recorder', undefined]) {
      expect((await post(server, '/chat/completions', { model, messages: hi })).status).toBe(200);
    }
  });

  it('answers logprobs with 400 naming the parameter when the backend has no per-token log-probabilities', { timeout: BOUND }, async () => {
    const server = await serve(createScriptedBackend({ replies: [], fallback: 'look' }));
    const chat = await post(server, '/chat/completions', { messages: hi, logprobs: true, top_logprobs: 2 });
    expect(chat.status).toBe(400);
    expect(chat.json.error).toMatchObject({ type: 'invalid_request_error', param: 'logprobs', code: 'unsupported_parameter' });
    expect(chat.json.error.message).toContain('scripted');
    const legacy = await post(server, '/completions', { prompt: 'x', logprobs: 1 });
    expect(legacy.json.error).toMatchObject({ param: 'logprobs', code: 'unsupported_parameter' });
    // The backend itself refuses too, so a direct caller never gets an answer silently without them.
    await expect(createScriptedBackend({ replies: ['a'] }).generate({ prompt: 'x', logprobs: { top: 0 } })).rejects.toMatchObject({ reason: 'unsupported' });
  });

  it('asks the backend for per-token logprobs and answers one entry per token', { timeout: BOUND }, async () => {
    const { backend, requests } = recordingBackend();
    const server = await serve(backend);
    const { json } = await post(server, '/chat/completions', { messages: hi, logprobs: true, top_logprobs: 3 });
    expect(requests[0]!.logprobs).toEqual({ top: 3 });
    expect(json.choices[0].logprobs.content).toEqual([
      { token: 'Hi', logprob: -0.5, bytes: [72, 105], top_logprobs: [{ token: 'Hi', logprob: -0.5, bytes: [72, 105] }] },
      { token: ' there', logprob: -1.25, bytes: [...Buffer.from(' there')], top_logprobs: [{ token: ' there', logprob: -1.25, bytes: [...Buffer.from(' there')] }] },
    ]);
    const legacy = await post(server, '/completions', { prompt: 'x', logprobs: 1 });
    expect(requests[1]!.logprobs).toEqual({ top: 1 });
    expect(legacy.json.choices[0].logprobs).toEqual({ tokens: ['Hi', ' there'], token_logprobs: [-0.5, -1.25], text_offset: [0, 2], top_logprobs: [{ Hi: -0.5 }, { ' there': -1.25 }] });
  });

  it('streams one chunk per token, each with its own logprobs entry', { timeout: BOUND }, async () => {
    const server = await serve(recordingBackend().backend);
    const { text } = await post(server, '/completions', { prompt: 'x', logprobs: 0, stream: true, echo: false });
    const events = text.split('\n\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6)));
    const pieces = events.filter((event) => event.choices[0]?.logprobs);
    expect(pieces.map((event) => event.choices[0].text)).toEqual(['Hi', ' there']);
    expect(pieces.map((event) => event.choices[0].logprobs.text_offset)).toEqual([[0], [2]]);
  });

  it.each<[string, object, Partial<GenerateRequest>]>([
    ['a json_schema object schema as jsonSchema', { type: 'json_schema', json_schema: { name: 'room', schema: { type: 'object', properties: { room: { type: 'string' } }, required: ['room'] } } }, { jsonSchema: { type: 'object', properties: { room: { type: 'string' } }, required: ['room'] } }],
    ['json_object as any JSON object', { type: 'json_object' }, { jsonSchema: { type: 'object', additionalProperties: true } }],
    ['a string-enum json_schema as exact choices', { type: 'json_schema', json_schema: { schema: { type: 'string', enum: ['a', 'b'] } } }, { choices: ['a', 'b'] }],
  ])('passes %s to the backend', { timeout: BOUND }, async (_label, responseFormat, expected) => {
    const { backend, requests } = recordingBackend();
    const server = await serve(backend);
    const { status } = await post(server, '/chat/completions', { messages: hi, response_format: responseFormat });
    expect(status).toBe(200);
    expect(requests[0]).toMatchObject(expected);
    expect(Object.keys(requests[0]!).filter((key) => ['jsonSchema', 'choices', 'grammar'].includes(key))).toEqual(Object.keys(expected));
  });

  it('refuses a JSON schema together with a grammar', { timeout: BOUND }, async () => {
    const server = await serve(recordingBackend().backend);
    const { status, json } = await post(server, '/chat/completions', { messages: hi, grammar: 'root ::= "a"', response_format: { type: 'json_object' } });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ param: 'response_format' });
    expect(json.error.message).toContain('not both');
  });
});
