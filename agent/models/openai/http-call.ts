/**
 * One model call over HTTP: a deadline and the caller's AbortSignal merged into one signal, every
 * failure turned into a ModelError, and transient failures (429, 5xx, dropped connections,
 * truncated bodies) retried with exponential backoff — all within the one deadline, so a call
 * never outlives its `timeoutMs` however many retries it makes.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ModelError } from '../model-error.ts';

/** How one backend retries. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  /** First backoff in ms; doubles each retry (default 250). */
  retryBaseMs: number;
  /** Longest single backoff in ms (default 4000). */
  retryMaxMs: number;
}

/** What `runHttpCall` needs to know about the call. */
export interface HttpCallOptions {
  modelId: string;
  /** What was being asked, for messages (e.g. `POST /chat/completions`). */
  what: string;
  signal?: AbortSignal;
  /** The caller's timeout, for messages. */
  timeoutMs?: number;
  /** Time left until the call's deadline (default `timeoutMs`). */
  remainingMs?: number;
  policy: RetryPolicy;
}

const OVERFLOW = /context[_ ]length|context window|maximum context|too many tokens|exceeds? the (available )?context|prompt is too long|n_ctx/i;

/** The merged signal of one call, and which of its sources fired. */
class CallSignal {
  readonly controller = new AbortController();
  timedOut = false;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.controller.abort(this.caller?.reason);

  constructor(
    private readonly caller: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ) {
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort(new Error('deadline'));
      }, timeoutMs);
    }
    if (caller?.aborted) this.onAbort();
    caller?.addEventListener('abort', this.onAbort, { once: true });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onAbort);
  }
}

/** Runs `attempt` with retries; `attempt` gets the call's signal and throws anything. */
export async function runHttpCall<T>(options: HttpCallOptions, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const call = new CallSignal(options.signal, options.remainingMs ?? options.timeoutMs);
  try {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt(call.controller.signal);
      } catch (raw) {
        const error = toModelError(raw, options, call);
        if (!error.transient || call.controller.signal.aborted || retry >= options.policy.maxRetries) throw error;
        await sleep(backoffMs(raw, retry, options.policy), call.controller.signal);
      }
    }
  } catch (raw) {
    throw toModelError(raw, options, call);
  } finally {
    call.dispose();
  }
}

/** Exponential backoff, honouring a server's `Retry-After` (seconds) when it is longer. */
function backoffMs(raw: unknown, retry: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** retry);
  const header = raw instanceof APIError ? raw.headers?.get('retry-after') : undefined;
  const requested = header ? Number(header) * 1000 : NaN;
  return Number.isFinite(requested) ? Math.min(policy.retryMaxMs, Math.max(exponential, requested)) : exponential;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Whether an error (or one of its causes) is a socket dying after the response had started. */
function isTruncation(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current.message === 'terminated' || (current as { code?: string }).code === 'UND_ERR_SOCKET') return true;
    if (/premature close|aborted|closed before/i.test(current.message) && !(current instanceof APIError)) return true;
  }
  return false;
}

/** Maps anything thrown during a call to a ModelError with a reason. */
export function toModelError(raw: unknown, options: HttpCallOptions, call?: { timedOut: boolean; controller: AbortController }): ModelError {
  if (raw instanceof ModelError) return raw;
  const modelId = options.modelId;
  const where = `${options.what} (${modelId})`;
  if (call?.timedOut || raw instanceof APIConnectionTimeoutError) {
    return new ModelError('timeout', `${where} got no complete answer within its ${options.timeoutMs} ms timeout; raise timeoutMs or check that the server is not stuck`, { modelId, cause: raw });
  }
  if (call?.controller.signal.aborted || raw instanceof APIUserAbortError) {
    return new ModelError('cancelled', `${where} was cancelled`, { modelId, cause: raw });
  }
  if (raw instanceof APIError && raw.status !== undefined) return statusError(raw, where, modelId);
  if (raw instanceof SyntaxError) {
    return new ModelError('malformed-response', `${where}: the server's answer is not valid JSON (${raw.message}); is the base URL an OpenAI-compatible /v1 endpoint?`, { modelId, cause: raw });
  }
  // The client wraps failures before the response headers; later ones (body, stream) arrive raw.
  if (!(raw instanceof APIConnectionError) && isTruncation(raw)) {
    return new ModelError('truncated-response', `${where}: the connection closed before the answer was complete`, { modelId, cause: raw });
  }
  if (raw instanceof APIConnectionError || raw instanceof TypeError) {
    return new ModelError('connection-failed', `${where}: could not reach the server (${describeCause(raw)}); is it running and is the base URL right?`, { modelId, cause: raw });
  }
  return new ModelError('malformed-response', `${where} failed unexpectedly: ${(raw as Error)?.message ?? String(raw)}`, { modelId, cause: raw });
}

function statusError(raw: APIError, where: string, modelId: string): ModelError {
  const status = raw.status!;
  const body = raw.error as { code?: unknown; type?: unknown; message?: unknown } | undefined;
  const detail = String(body?.message ?? raw.message);
  if (body?.code === 'context_length_exceeded' || body?.type === 'exceed_context_size_error' || ((status === 400 || status === 413) && OVERFLOW.test(detail))) {
    return new ModelError('context-overflow', `${where}: the prompt does not fit the server's context window (${detail}); shorten the prompt or raise the server's context size`, { modelId, status, cause: raw });
  }
  const hint = status === 429 ? 'the server is rate limiting; retried with backoff' : status >= 500 ? 'the server failed; retried with backoff' : status === 404 ? 'check the base URL (it usually ends in /v1) and the model name' : status === 401 || status === 403 ? 'check apiKey' : 'the server rejected the request';
  return new ModelError('http-status', `${where} answered HTTP ${status}: ${detail} (${hint})`, { modelId, status, cause: raw });
}

function describeCause(error: Error): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: string }).code;
    parts.push(code ? `${current.message} [${code}]` : current.message);
  }
  return parts.join(' ← ');
}
