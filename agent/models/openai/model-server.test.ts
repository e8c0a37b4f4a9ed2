/**
 * Server mechanics of `startModelServer` — one model call at a time, cancellation when the client
 * leaves, graceful close, loopback binding — with a stub backend whose calls wait on a gate.
 * (Model behaviour through the server is tested with the real model in openai-backend.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult, ModelBackend } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
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
