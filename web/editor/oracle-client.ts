/**
 * Asks the oracle worker about the current draft: one search at a time, the previous one ended
 * (worker terminated) when a newer world arrives, so a long search never blocks the next edit.
 */
import type { WorldSpec } from '../../sim/index.ts';
import type { OracleAnswer, OracleRequest } from './oracle-worker.ts';

/** The editor's search budget: small next to the CLI's (2,000,000 states, 60 s), enough for a hand-built house. */
export const EDITOR_BUDGET = { maxStates: 300_000, maxSeconds: 10 } as const;

export class OracleClient {
  private worker: Worker | null = null;
  private asked = 0;

  /** Starts a search; `answer` is called once, unless another search starts first. */
  solve(world: WorldSpec, answer: (result: OracleAnswer) => void): void {
    this.cancel();
    const ticket = ++this.asked;
    const worker = new Worker(new URL('./oracle-worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<OracleAnswer>) => {
      if (ticket !== this.asked) return;
      this.cancel();
      answer(event.data);
    };
    worker.onerror = (event) => {
      if (ticket !== this.asked) return;
      this.cancel();
      answer({ ok: false, message: `the oracle worker stopped: ${event.message || 'unknown error'}` });
    };
    const request: OracleRequest = { world, ...EDITOR_BUDGET };
    worker.postMessage(request);
  }

  /** Ends the running search, if any; its answer never comes. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
