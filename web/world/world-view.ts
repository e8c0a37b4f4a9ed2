/**
 * The house drawn with pixi.js (the shapes: house-drawing.ts). Rooms the agent has not been in and
 * objects it has never seen are dimmed. A full redraw per state: a house is a few hundred shapes.
 * Given the step's motion frames, the agent (and what it pushed) then walks there along them
 * (walk-tween.ts) at the view's walk speed; once the walk ends — or at once when instant or
 * reduced motion is asked — the drawing is exactly the state's. `data-drawn-step` names the state
 * drawn, `data-walking` is set while a walk plays.
 * Rendered on demand (software WebGL makes every frame dear): once per draw, and on the ticker
 * only while a walk plays. Everything that stands still in a walk is cached as one texture per
 * draw, so a walk frame draws that texture, the agent, what it pushes (and the veil, when it
 * walks under it) — pixel for pixel as drawing it all directly.
 */
import { Application, Container } from 'pixi.js';
import type { CompiledWorld, StepMotion, WorldState } from '../../sim/index.ts';
import { drawHouse, unvisited, type Apart, type HouseParts } from './house-drawing.ts';
import type { Seen } from './seen.ts';
import { prefersReducedMotion } from './walk-speed.ts';
import { playWalk } from './walk-player.ts';
import { movedMovables, walkDurationMs, walkRate, walkTouches, type WalkSpeed } from './walk-tween.ts';

export interface WorldViewOptions {
  /** The largest size the drawing may take, in CSS pixels. */
  maxWidth: number;
  maxHeight: number;
}

/** How much of the outer wall ring shows, in cells. */
const BORDER = 0.3;

export class WorldView {
  private readonly app = new Application();
  /**
   * What stands still during a walk, cached as a texture (drawn into it once per draw). It sits at
   * a whole pixel with the house's fractional offset inside it (`stillLayer`), so the texture
   * lands texel for pixel on the canvas. Both are mirrored top to bottom, which cancels out: pixi
   * rasterises into a texture upside down relative to the canvas, and mirrored the antialiased
   * edges come out exactly as on the canvas (checked pixel for pixel against drawing directly).
   */
  private readonly still = new Container();
  private readonly stillLayer = new Container();
  /** What a walk moves (the agent, a pushed item), and the veil of unvisited rooms when it walks under it. */
  private readonly layer = new Container();
  private ready: Promise<void>;
  private shown: { world: CompiledWorld; state: WorldState; seen: Seen; cell: number } | null = null;
  /** Ends the walk playing now (drawing its last frame), if any. */
  private stopWalk: (() => void) | null = null;
  /** How fast the next steps' walks play; `prefers-reduced-motion: reduce` makes every one instant. */
  walkSpeed: WalkSpeed = '1x';

  constructor(private readonly host: HTMLElement, private readonly options: WorldViewOptions) {
    this.ready = this.app
      .init({ width: options.maxWidth, height: options.maxHeight, background: 0xf7f3ec, antialias: true, preference: 'webgl', resolution: Math.max(1, window.devicePixelRatio || 1), autoDensity: true, autoStart: false })
      .then(() => {
        this.app.canvas.setAttribute('aria-hidden', 'true');
        this.host.appendChild(this.app.canvas);
        this.still.addChild(this.stillLayer);
        this.still.scale.set(1, -1);
        this.stillLayer.scale.set(1, -1);
        this.still.cacheAsTexture(true);
        this.app.stage.addChild(this.still, this.layer);
        // A tooltip naming what is under the pointer (the labels get small in big houses).
        this.app.canvas.addEventListener('mousemove', (event) => {
          if (!this.shown) return;
          const { cell } = this.shown;
          const box = this.app.canvas.getBoundingClientRect();
          const x = Math.floor((event.clientX - box.left) / cell + 1 - BORDER);
          const y = Math.floor((event.clientY - box.top) / cell + 1 - BORDER);
          this.app.canvas.title = describeCell(this.shown.world, this.shown.state, this.shown.seen, x, y);
        });
      });
  }

  /**
   * Redraws the house in `state`; with `motion` (the step that led to it), the agent walks there
   * from where the motion starts. Resolves once drawn (the walk goes on on the ticker).
   */
  async draw(world: CompiledWorld, state: WorldState, seen: Seen, motion: StepMotion | null = null): Promise<void> {
    await this.ready;
    this.stopWalk?.();
    // The outer wall ring is drawn as a band of BORDER cells, not whole cells: room for the rooms.
    const across = world.width - 2 + 2 * BORDER;
    const down = world.height - 2 + 2 * BORDER;
    const cell = Math.max(16, Math.min(88, Math.floor(this.options.maxWidth / across), Math.floor(this.options.maxHeight / down)));
    this.app.renderer.resize(Math.ceil(cell * across), Math.ceil(cell * down));
    for (const layer of [this.stillLayer, this.layer]) {
      layer.position.set(-(1 - BORDER) * cell, -(1 - BORDER) * cell);
      for (const child of layer.removeChildren()) child.destroy({ children: true });
    }
    this.stillLayer.position.y *= -1; // mirrored, see `still`
    const rate = walkRate(this.walkSpeed, prefersReducedMotion());
    const walking = motion !== null && walkDurationMs(motion, rate) > 0 ? motion : null;
    const apart: Apart = {
      movables: walking ? movedMovables(walking) : new Set(),
      // Over the cached house the veil's edges blend a shade differently, so it is drawn apart only
      // when something walks under it. (At rest the agent is in a room it has seen: callers fold
      // every observation into `seen`.)
      veil: walking !== null && walkTouches(walking, (x, y) => unvisited(world, seen, y * world.width + x)),
    };
    const parts = drawHouse({ still: this.stillLayer, moving: this.layer }, world, state, seen, cell, apart);
    this.still.updateCacheTexture();
    this.shown = { world, state, seen, cell };
    if (walking) this.walk(parts, walking, rate, cell);
    this.app.render();
    this.host.dataset.drawnStep = String(state.step);
  }

  /**
   * Plays `motion` on the app's ticker (walk-player.ts), which runs only while it plays. When it
   * ends on a tick, the ticker's own render (it runs after the walk's, at low priority) draws the
   * last frame; a new draw() that cuts it short renders itself.
   */
  private walk(parts: HouseParts, motion: StepMotion, rate: number, cell: number): void {
    this.stopWalk = playWalk(this.app.ticker, parts, motion, rate, cell, () => {
      this.stopWalk = null;
      this.app.ticker.stop();
      // What was drawn apart stands still from now on: back into the still house, where the
      // instant drawing has it, so the walk ends on exactly that drawing.
      for (const [child, index] of parts.backInto) this.stillLayer.addChildAt(child, index);
      if (parts.backInto.length > 0) this.still.updateCacheTexture();
      delete this.host.dataset.walking;
    });
    if (!this.stopWalk) return;
    this.host.dataset.walking = 'true';
    this.app.ticker.start();
  }
}

/** What is at cell (x, y), in words: furniture with its state and contents, a door, an item, the agent. */
function describeCell(world: CompiledWorld, state: WorldState, seen: Seen, x: number, y: number): string {
  const parts: string[] = [];
  const objectText = (id: string): string => `${id}${state.objects[id]?.states.length ? ` (${state.objects[id]!.states.join(', ')})` : ''}${seen.objects.has(id) ? '' : ' — not seen yet'}`;
  for (const r of world.receptacles.values()) {
    if (r.cell[0] !== x || r.cell[1] !== y) continue;
    const rs = state.receptacles[r.id];
    const status = rs?.open !== undefined ? (rs.open ? ', open' : ', closed') : rs?.on !== undefined ? (rs.on ? ', on' : ', off') : '';
    const contents = Object.entries(state.objects).filter(([, o]) => o.location === r.id).map(([id]) => objectText(id));
    parts.push(`${r.id}${status}${contents.length ? `: ${contents.join('; ')}` : ''}`);
  }
  for (const d of world.doors.values()) if (d.cell[0] === x && d.cell[1] === y) parts.push(`${d.id}, ${state.doors[d.id] ? 'open' : 'closed'} (${d.rooms.join(' – ')})`);
  for (const [id, at] of Object.entries(state.movables)) if (at[0] === x && at[1] === y) parts.push(`${id} (can be pushed)`);
  if (state.agent.cell[0] === x && state.agent.cell[1] === y) parts.push(`you${state.agent.holding ? `, holding ${objectText(state.agent.holding)}` : ''}`);
  if (!parts.length) {
    const room = world.rooms[world.roomByCell[y * world.width + x] ?? -1];
    if (room) parts.push(`${room.name}${seen.rooms.has(room.id) ? '' : ' (not entered yet)'}`);
  }
  return parts.join('\n');
}
