/**
 * `startModelServer`: any ModelBackend as an OpenAI-compatible HTTP endpoint (node:http — the
 * five routes need no framework, and it keeps the dependency list short).
 *
 * Binds 127.0.0.1 by default. Model calls run one at a time (a backend holds one KV cache); a
 * client that disconnects cancels its call. `close()` stops accepting, lets calls in flight finish
 * for up to `graceMs`, then cancels them and drops the remaining connections.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closest } from 'fastest-levenshtein';
import type { ModelBackend } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { ROUTES, type RouteContext } from './server-routes.ts';
import { HttpFailure, readJson, sendError } from './server-wire.ts';

/** Settings of `startModelServer`. */
export interface ModelServerOptions {
  backend: ModelBackend;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Name listed by `GET /v1/models` (default the backend's id). */
  modelName?: string;
  /** How long `close()` waits for calls in flight (default 10 000 ms). */
  graceMs?: number;
}

/** A running server. */
export interface ModelServer {
  /** Base URL for OpenAI clients, e.g. `http://127.0.0.1:41234/v1`. */
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

/** Starts serving `backend`; resolves once listening. */
export async function startModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const host = options.host ?? '127.0.0.1';
  const modelName = options.modelName ?? options.backend.info.id;
  const state = new ServerState(options.backend, modelName);
  const server = http.createServer((request, response) => state.track(state.handle(request, response)));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => (server.off('error', reject), resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/v1`,
    port,
    host,
    close: () => (closing ??= state.shutdown(server, options.graceMs ?? 10_000)),
  };
}

class ServerState {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly calls = new Set<AbortController>();
  private responses = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly backend: ModelBackend,
    private readonly modelName: string,
  ) {}

  track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const path = normalisePath(request.url ?? '/');
      const handler = ROUTES[`${request.method} ${path}`];
      if (!handler) throw unknownRoute(request.method ?? 'GET', path);
      const body = request.method === 'POST' ? await readJson(request) : undefined;
      await handler(this.context(body, response));
    } catch (error) {
      sendError(response, error);
    }
  }

  private context(body: unknown, response: ServerResponse): RouteContext {
    const controller = new AbortController();
    // 'close' also fires after a normal answer; only an unfinished one means the client left.
    response.once('close', () => {
      if (!response.writableEnded) controller.abort(new Error('the client closed the connection'));
    });
    return {
      backend: this.backend,
      modelName: this.modelName,
      body,
      response,
      startedAt: this.startedAt,
      nextId: () => ++this.responses,
      serial: (work) => this.serial(controller, work),
    };
  }

  private serial<T>(controller: AbortController, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (controller.signal.aborted) throw new ModelError('cancelled', 'the client left before its turn came', { modelId: this.backend.info.id });
      this.calls.add(controller);
      try {
        return await work(controller.signal);
      } finally {
        this.calls.delete(controller);
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  async shutdown(server: http.Server, graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
    for (const call of this.calls) call.abort(new Error('the model server is shutting down'));
    server.closeAllConnections();
    await closed;
  }
}

/** `/v1/x`, `/x` and `/v1/x/` all name route `/v1/x` (llama.cpp's server accepts both forms too). */
function normalisePath(url: string): string {
  const path = new URL(url, 'http://localhost').pathname.replace(/\/+$/, '') || '/';
  return path.startsWith('/v1/') ? path : `/v1${path}`;
}

function unknownRoute(method: string, path: string): HttpFailure {
  const known = Object.keys(ROUTES);
  const samePath = known.filter((route) => route.endsWith(` ${path}`));
  if (samePath.length > 0) {
    return new HttpFailure(405, `${method} is not allowed on ${path}; use ${samePath.map((route) => route.split(' ')[0]).join(' or ')}`, 'method_not_allowed');
  }
  const suggestion = closest(`${method} ${path}`, known);
  return new HttpFailure(404, `no route ${method} ${path} — did you mean ${suggestion}? Routes: ${known.join(', ')}`, 'not_found');
}
