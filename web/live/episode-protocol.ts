/**
 * The messages between the Live view and its episode worker: plain JSON, keyed on `type`.
 * The page sends the scenario itself (a WorldSpec), the harness spec and the model spec; the
 * worker answers with loading progress, each trace event as it happens, and the whole trace.
 */
import type { WorldSpec, PhysicsMode } from '../../sim/index.ts';
import type { ModelInfo } from '../../agent/models/model-backend.ts';
import type { Trace, TraceEvent } from '../../agent/trace/trace-events.ts';
import type { BrowserModelSpec } from './open-browser-model.ts';

export const LIVE_PROTOCOL_VERSION = 1 as const;

/** Page → worker. */
export type ToWorker =
  | {
      type: 'start';
      version: typeof LIVE_PROTOCOL_VERSION;
      scenario: WorldSpec;
      seed: number;
      physics: PhysicsMode;
      /** A harness spec (JSON), as a preset or an opened file holds it. */
      harness: unknown;
      model: BrowserModelSpec;
      paused: boolean;
      delayMs: number;
      /** Per model call (the runner's modelTimeoutMs). */
      modelTimeoutMs?: number;
    }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'speed'; delayMs: number }
  | { type: 'stop' };

/** Worker → page. */
export type FromWorker =
  | { type: 'loading'; what: string; loaded?: number; total?: number }
  | { type: 'ready'; model: ModelInfo; crossOriginIsolated: boolean }
  | { type: 'event'; event: TraceEvent }
  | { type: 'waiting'; step: number }
  | { type: 'done'; trace: Trace }
  | { type: 'failed'; message: string };
