/**
 * A bare world view for the walk animation's browser test (web/world/walk.e2e.test.ts): the test
 * drives it through `window.hearthWalk` — start a test house in a motion mode at a walk speed,
 * then take steps, each drawn with its motion frames.
 */
import { blockedDoorHouse, createEnvWithPhysics, twoRoomHouse, type HearthEnvExtended, type PhysicsMode, type StepMotion } from '../../../sim/index.ts';
import { nothingSeen, withObservation, type Seen } from '../seen.ts';
import { walkDurationMs, type WalkSpeed } from '../walk-tween.ts';
import { WorldView } from '../world-view.ts';

const HOUSES = { 'two-room': twoRoomHouse, 'blocked-door': blockedDoorHouse };

export interface WalkPageApi {
  start(house: keyof typeof HOUSES, physics: PhysicsMode, speed: WalkSpeed): Promise<void>;
  /** The walk speed of the following steps. */
  setSpeed(speed: WalkSpeed): void;
  /** Takes the step and draws it; resolves once drawn (the walk, if any, goes on). Returns its motion's length at 1×. */
  step(action: string): Promise<{ frames: number; durationMs: number }>;
}

declare global {
  interface Window {
    hearthWalk?: WalkPageApi;
  }
}

const view = new WorldView(document.querySelector<HTMLElement>('#walk-world')!, { maxWidth: 780, maxHeight: 470 });
let env: HearthEnvExtended | null = null;
let seen: Seen = nothingSeen();
let motion: StepMotion | null = null;

window.hearthWalk = {
  async start(house, physics, speed) {
    env = createEnvWithPhysics(physics, { onMotion: (m) => (motion = m) });
    const reset = env.reset({ scenario: HOUSES[house](), seed: 0 });
    seen = withObservation(nothingSeen(), reset.observation.json);
    view.walkSpeed = speed;
    await view.draw(env.getWorld(), env.getState(), seen);
  },
  setSpeed(speed) {
    view.walkSpeed = speed;
  },
  async step(action) {
    if (!env) throw new Error('walk page: call start() before step().');
    motion = null;
    const result = env.step(action);
    if (!result.info.success) throw new Error(`walk page: "${action}" failed: ${result.feedback}`);
    seen = withObservation(seen, result.observation.json);
    await view.draw(env.getWorld(), env.getState(), seen, motion);
    const drawn = motion as StepMotion | null;
    return { frames: drawn?.frames.length ?? 0, durationMs: drawn ? walkDurationMs(drawn, 1) : 0 };
  },
};
document.body.dataset.ready = 'true';
