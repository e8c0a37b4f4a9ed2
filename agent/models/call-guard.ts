/**
 * Cancellation and deadlines for one model call. The ONNX runtime cannot abort a forward pass, so
 * the backend checks the guard between passes (prompts are fed in chunks for that reason) and the
 * caller's promise is also rejected at once through {@link CallGuard.race}.
 */
import { ModelError } from './model-error.ts';
import type { CallOptions } from './model-backend.ts';

/** Tracks one call's AbortSignal and deadline; `check()` throws the matching ModelError. */
export class CallGuard {
  private readonly deadline: number;

  constructor(
    private readonly options: CallOptions,
    private readonly modelId: string,
  ) {
    this.deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  }

  /** The error this call ends with now, or undefined while it may go on. */
  failure(): ModelError | undefined {
    if (this.options.signal?.aborted) {
      return new ModelError('cancelled', `model call cancelled (${this.modelId})`, {
        modelId: this.modelId,
        cause: this.options.signal.reason,
      });
    }
    if (Date.now() > this.deadline) {
      return new ModelError(
        'timeout',
        `model call exceeded its ${this.options.timeoutMs} ms timeout (${this.modelId}); raise timeoutMs or shorten the prompt`,
        { modelId: this.modelId },
      );
    }
    return undefined;
  }

  check(): void {
    const error = this.failure();
    if (error) throw error;
  }

  /** Rejects as soon as the signal aborts or the deadline passes, else settles with `work`. */
  race<T>(work: Promise<T>): Promise<T> {
    const { signal, timeoutMs } = this.options;
    if (!signal && timeoutMs === undefined) return work;
    return new Promise<T>((resolve, reject) => {
      const fail = (): void => {
        cleanup();
        reject(this.failure() ?? new ModelError('cancelled', `model call cancelled (${this.modelId})`));
      };
      const timer = timeoutMs === undefined ? undefined : setTimeout(fail, timeoutMs + 1);
      const cleanup = (): void => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', fail);
      };
      if (signal?.aborted) return fail();
      signal?.addEventListener('abort', fail, { once: true });
      work.then(
        (value) => (cleanup(), resolve(value)),
        (error: unknown) => (cleanup(), reject(error)),
      );
    });
  }
}
