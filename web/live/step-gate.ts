/**
 * Play, pause, step and speed for an episode running in the worker. The runner does not stop
 * between steps, so the gate sits in front of the model: the first model call of each new step
 * waits for the gate (later calls of the same step — retries — pass). Stopping makes the next
 * step's call fail as `cancelled`, which ends the episode with a complete trace.
 */

/** Thrown by {@link StepGate.admit} once the gate is stopped. */
export class GateStopped extends Error {
  override readonly name = 'GateStopped';
}

export interface StepGateOptions {
  /** Start paused (each step then needs `step()` or `play()`). */
  paused: boolean;
  /** Pause between steps while playing, in ms. */
  delayMs: number;
  /** Told when the gate holds step `step` back (paused). */
  onWaiting?: (step: number) => void;
}

export class StepGate {
  private admitted = 0;
  private credits = 0;
  private paused: boolean;
  private stopped = false;
  private delayMs: number;
  private wake: (() => void) | null = null;

  constructor(private readonly options: StepGateOptions) {
    this.paused = options.paused;
    this.delayMs = options.delayMs;
  }

  play(): void {
    this.paused = false;
    this.wakeUp();
  }

  pause(): void {
    this.paused = true;
  }

  /** One more decision, then paused. */
  step(): void {
    this.paused = true;
    this.credits += 1;
    this.wakeUp();
  }

  stop(): void {
    this.stopped = true;
    this.wakeUp();
  }

  setDelay(delayMs: number): void {
    this.delayMs = Math.max(0, delayMs);
    this.wakeUp();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves when step `step` may ask the model; throws GateStopped after `stop()`. */
  async admit(step: number): Promise<void> {
    if (step <= this.admitted && !this.stopped) return;
    let delayed = this.admitted === 0 || this.delayMs === 0;
    for (;;) {
      if (this.stopped) throw new GateStopped(`stopped before step ${step}`);
      if (this.credits > 0) {
        this.credits -= 1;
        break;
      }
      if (!this.paused && delayed) break;
      if (!this.paused) {
        delayed = true;
        await this.sleep(this.delayMs);
        continue;
      }
      this.options.onWaiting?.(step);
      await this.sleep(Infinity);
    }
    this.admitted = step;
  }

  /** Waits `ms` or until play/pause/step/stop/speed changes something. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => this.wakeUp(), ms) : undefined;
      this.wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
