/** Why a model call failed. `transient` reasons are retried with backoff by the backends. */
export type ModelErrorReason =
  | 'load-failed'
  | 'timeout'
  | 'cancelled'
  | 'http-status'
  | 'connection-failed'
  | 'malformed-response'
  | 'truncated-response'
  | 'context-overflow'
  | 'unsupported'
  | 'invalid-request';

const TRANSIENT: ReadonlySet<ModelErrorReason> = new Set(['timeout', 'connection-failed', 'truncated-response']);

/** Every failure of a model backend is a ModelError with a reason, the model id, and a fix where one exists. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly reason: ModelErrorReason;
  readonly modelId: string | undefined;
  /** HTTP status for `http-status`. */
  readonly status: number | undefined;

  constructor(
    reason: ModelErrorReason,
    message: string,
    options: { modelId?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.reason = reason;
    this.modelId = options.modelId;
    this.status = options.status;
  }

  /** Worth retrying: timeouts, dropped connections, truncated streams, 429 and 5xx. */
  get transient(): boolean {
    if (this.reason === 'http-status') return this.status === 429 || (this.status ?? 0) >= 500;
    return TRANSIENT.has(this.reason);
  }
}
