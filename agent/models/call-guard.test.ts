import { describe, expect, it } from 'vitest';
import { ModelError } from './model-error.ts';
import { CallGuard } from './call-guard.ts';

const never = new Promise<never>(() => undefined);

describe('CallGuard', () => {
  it('passes while neither aborted nor late', () => {
    expect(() => new CallGuard({ timeoutMs: 60_000 }, 'm').check()).not.toThrow();
  });

  it('throws cancelled for an aborted signal', () => {
    const error = (() => {
      try {
        new CallGuard({ signal: AbortSignal.abort() }, 'm').check();
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).reason).toBe('cancelled');
  });

  it('rejects a hung call with timeout instead of hanging', async () => {
    const error = await new CallGuard({ timeoutMs: 5 }, 'm').race(never).catch((e: unknown) => e);
    expect((error as ModelError).reason).toBe('timeout');
    expect((error as ModelError).transient).toBe(true);
  });

  it('rejects a hung call with cancelled when aborted later', async () => {
    const controller = new AbortController();
    const pending = new CallGuard({ signal: controller.signal }, 'm').race(never).catch((e: unknown) => e);
    controller.abort();
    expect(((await pending) as ModelError).reason).toBe('cancelled');
  });

  it('passes the result through when in time', async () => {
    await expect(new CallGuard({ timeoutMs: 1000 }, 'm').race(Promise.resolve(42))).resolves.toBe(42);
  });
});
