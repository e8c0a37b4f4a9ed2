/**
 * The house drawn with pixi.js: floors coloured per room, walls, doors (open/closed), furniture
 * with labels and open/closed or on/off tags, objects with state badges, movable floor items, and
 * the agent with what it holds. Rooms the agent has not been in and objects it has never seen are
 * dimmed. A full redraw per state: a house is a few hundred shapes.
 */
import { Application, Container, Graphics, Text, type TextStyleOptions } from 'pixi.js';
import { CELL_DOOR, CELL_FURNITURE, CELL_WALL, HELD, type CompiledWorld, type WorldState } from '../../sim/index.ts';
import { AGENT, DOOR_CLOSED, DOOR_OPEN, floorColour, furnitureColour, LAMP_GLOW, MOVABLE, OBJECT_FILL, STATE_COLOURS, WALL } from './palette.ts';
import type { Seen } from './seen.ts';

export interface WorldViewOptions {
  /** The largest size the drawing may take, in CSS pixels. */
  maxWidth: number;
  maxHeight: number;
}

/** How much of the outer wall ring shows, in cells. */
const BORDER = 0.3;

const hex = (colour: string): number => Number.parseInt(colour.slice(1), 16);

export class WorldView {
  private readonly app = new Application();
  private readonly layer = new Container();
  private ready: Promise<void>;
  private shown: { world: CompiledWorld; state: WorldState; seen: Seen; cell: number } | null = null;

  constructor(private readonly host: HTMLElement, private readonly options: WorldViewOptions) {
    this.ready = this.app
      .init({ width: options.maxWidth, height: options.maxHeight, background: 0xf7f3ec, antialias: true, preference: 'webgl', resolution: Math.max(1, window.devicePixelRatio || 1), autoDensity: true })
      .then(() => {
        this.app.canvas.setAttribute('aria-hidden', 'true');
        this.host.appendChild(this.app.canvas);
        this.app.stage.addChild(this.layer);
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

  /** Redraws the house in `state`. Resolves once drawn. */
  async draw(world: CompiledWorld, state: WorldState, seen: Seen): Promise<void> {
    await this.ready;
    // The outer wall ring is drawn as a band of BORDER cells, not whole cells: room for the rooms.
    const across = world.width - 2 + 2 * BORDER;
    const down = world.height - 2 + 2 * BORDER;
    const cell = Math.max(16, Math.min(88, Math.floor(this.options.maxWidth / across), Math.floor(this.options.maxHeight / down)));
    this.app.renderer.resize(Math.ceil(cell * across), Math.ceil(cell * down));
    this.layer.position.set(-(1 - BORDER) * cell, -(1 - BORDER) * cell);
    for (const child of this.layer.removeChildren()) child.destroy({ children: true });
    drawHouse(this.layer, world, state, seen, cell);
    this.shown = { world, state, seen, cell };
    this.app.render();
    this.host.dataset.drawnStep = String(state.step);
  }
}

const SHORT: Record<string, string> = {
  countertop: 'counter', diningtable: 'table', sidetable: 'side tbl', coffeetable: 'coffee tbl', stoveburner: 'stove',
  sinkbasin: 'sink', bathtubbasin: 'bathtub', garbagecan: 'bin', microwave: 'micro', desklamp: 'lamp', floorlamp: 'lamp',
  armchair: 'armchair', tvstand: 'tv stand', laundrybasket: 'basket',
};

/** `sinkbasin 1` → `sink 1`, for small cells (the tooltip has the full id). */
function shortName(id: string): string {
  const [type = id, number = ''] = id.split(' ');
  return `${SHORT[type] ?? type} ${number}`.trim();
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

function label(text: string, size: number, colour = 0x2b2622, weight: TextStyleOptions['fontWeight'] = 'normal'): Text {
  const t = new Text({ text, style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill: colour, fontWeight: weight }, resolution: 2 });
  t.anchor.set(0.5, 0.5);
  return t;
}

function drawHouse(layer: Container, world: CompiledWorld, state: WorldState, seen: Seen, cell: number): void {
  const ground = new Graphics();
  const roomIndex = new Map(world.rooms.map((room, i) => [room.id, i]));
  const doorAt = new Map([...world.doors.values()].map((door) => [door.cellIndex, door]));
  for (let y = 0; y < world.height; y++) {
    for (let x = 0; x < world.width; x++) {
      const index = y * world.width + x;
      const base = world.base[index];
      if (base === CELL_WALL) {
        ground.rect(x * cell, y * cell, cell, cell).fill(WALL);
        continue;
      }
      const room = world.rooms[world.roomByCell[index] ?? -1];
      if (base === CELL_DOOR || !room) {
        const door = doorAt.get(index);
        const neighbour = door ? world.roomById.get(door.rooms[0]) : undefined;
        ground.rect(x * cell, y * cell, cell, cell).fill(neighbour ? floorColour(neighbour.id, roomIndex.get(neighbour.id) ?? 0) : 0xe0dcd4);
        continue;
      }
      ground.rect(x * cell, y * cell, cell, cell).fill(floorColour(room.id, roomIndex.get(room.id) ?? 0));
    }
  }
  // A faint grid, so steps and distances read.
  for (let x = 1; x < world.width; x++) ground.moveTo(x * cell, 0).lineTo(x * cell, world.height * cell);
  for (let y = 1; y < world.height; y++) ground.moveTo(0, y * cell).lineTo(world.width * cell, y * cell);
  ground.stroke({ width: 1, color: 0x000000, alpha: 0.05 });
  layer.addChild(ground);

  drawRoomNames(layer, world, cell);
  for (const door of world.doors.values()) drawDoor(layer, door.id, door.cell, state.doors[door.id] === true, cell, world);
  for (const receptacle of world.receptacles.values()) drawFurniture(layer, world, state, seen, receptacle.id, cell);
  for (const [id, at] of Object.entries(state.movables)) drawMovable(layer, id, at, cell);
  drawAgent(layer, world, state, seen, cell);
  drawUnvisited(layer, world, seen, cell);
}

function drawRoomNames(layer: Container, world: CompiledWorld, cell: number): void {
  for (const room of world.rooms) {
    const text = label(room.name.toUpperCase(), Math.max(9, cell * 0.17), 0x6b6258, 'bold');
    text.anchor.set(0, 0);
    text.alpha = 0.75;
    // The name goes on the longest run of furniture-free cells in the room's top row, so no
    // furniture hides it.
    const top = Math.min(...room.cells.map(([, y]) => y));
    const row = room.cells.filter(([, y]) => y === top).map(([x]) => x).sort((a, b) => a - b);
    let best: [number, number] = [row[0] ?? 0, 0];
    let runStart = -1;
    for (const [i, x] of row.entries()) {
      const free = world.base[top * world.width + x] !== CELL_FURNITURE;
      const continues = free && i > 0 && row[i - 1] === x - 1 && runStart !== -1;
      if (!free) runStart = -1;
      else if (!continues) runStart = x;
      if (free && x - runStart + 1 > best[1]) best = [runStart, x - runStart + 1];
    }
    if (text.width > best[1] * cell - 6) text.scale.set(Math.max(0.6, (best[1] * cell - 6) / text.width));
    text.position.set(best[0] * cell + 3, top * cell + 2);
    layer.addChild(text);
  }
}

function drawDoor(layer: Container, id: string, at: readonly [number, number], open: boolean, cell: number, world: CompiledWorld): void {
  const [x, y] = at;
  const g = new Graphics();
  const wallLeft = world.base[y * world.width + x - 1] === CELL_WALL;
  const horizontalWall = wallLeft || world.base[y * world.width + x + 1] === CELL_WALL;
  const inset = cell * 0.12;
  if (open) {
    // An open door: a leaf swung against the jamb, the way through left clear.
    if (horizontalWall) g.rect(x * cell, y * cell, cell * 0.14, cell).fill(DOOR_OPEN).stroke({ width: 1, color: DOOR_CLOSED });
    else g.rect(x * cell, y * cell, cell, cell * 0.14).fill(DOOR_OPEN).stroke({ width: 1, color: DOOR_CLOSED });
  } else if (horizontalWall) {
    g.rect(x * cell, y * cell + inset * 2.5, cell, cell - inset * 5).fill(DOOR_CLOSED);
  } else {
    g.rect(x * cell + inset * 2.5, y * cell, cell - inset * 5, cell).fill(DOOR_CLOSED);
  }
  layer.addChild(g);
  const text = label(`${id}\n${open ? 'open' : 'closed'}`, Math.max(8, cell * 0.15), open ? 0x5a3a1a : 0xffffff, 'bold');
  text.style.align = 'center';
  text.position.set(x * cell + cell / 2, y * cell + cell / 2);
  layer.addChild(text);
}

function drawFurniture(layer: Container, world: CompiledWorld, state: WorldState, seen: Seen, id: string, cell: number): void {
  const receptacle = world.receptacles.get(id)!;
  const [x, y] = receptacle.cell;
  const px = x * cell;
  const py = y * cell;
  const info = receptacle.info;
  const open = state.receptacles[id]?.open;
  const on = state.receptacles[id]?.on;
  const g = new Graphics();
  if (info.light && on) g.circle(px + cell / 2, py + cell / 2, cell * 0.62).fill({ color: LAMP_GLOW, alpha: 0.45 });
  const pad = cell * 0.05;
  g.roundRect(px + pad, py + pad, cell - 2 * pad, cell - 2 * pad, cell * 0.1).fill(furnitureColour(receptacle.type));
  if (info.openable) {
    if (open) g.roundRect(px + pad * 3, py + cell * 0.3, cell - 6 * pad, cell * 0.5, cell * 0.06).fill({ color: 0xffffff, alpha: 0.55 });
    else g.roundRect(px + pad, py + pad, cell - 2 * pad, cell - 2 * pad, cell * 0.1).stroke({ width: Math.max(2, cell * 0.05), color: 0x3e2f25 });
  }
  layer.addChild(g);
  const dark = [0x5a4a42, 0x6f7a80, 0x6d6d6d, 0x7b8a8f, 0x8a9ba5].includes(furnitureColour(receptacle.type));
  const name = label(cell < 60 ? shortName(id) : id, Math.max(8, cell * 0.15), dark ? 0xffffff : 0x2b2622, 'bold');
  name.position.set(px + cell / 2, py + cell * 0.17);
  if (name.width > cell * 0.95) name.scale.set(Math.max(0.7, (cell * 0.95) / name.width));
  layer.addChild(name);
  const tag = info.openable ? (open ? 'open' : 'closed') : info.light ? (on ? 'on' : 'off') : null;
  if (tag) {
    const tagText = label(tag, Math.max(7, cell * 0.14), dark ? 0xffffff : 0x3e2f25);
    tagText.position.set(px + cell / 2, py + cell * 0.88);
    layer.addChild(tagText);
  }
  const contents = Object.entries(state.objects).filter(([, object]) => object.location === id).map(([objectId]) => objectId);
  contents.forEach((objectId, i) => {
    const perRow = 3;
    const cx = px + cell * (0.2 + 0.3 * (i % perRow));
    const cy = py + cell * (0.5 + 0.26 * Math.floor(i / perRow));
    drawObject(layer, world, state, objectId, cx, cy, Math.max(4.5, cell * 0.13), seen.objects.has(objectId));
  });
}

/** An object: a disc with its short name and one badge per state; dimmed when never seen. */
function drawObject(layer: Container, world: CompiledWorld, state: WorldState, id: string, cx: number, cy: number, r: number, seenIt: boolean): void {
  const group = new Container();
  const g = new Graphics();
  g.circle(cx, cy, r).fill(OBJECT_FILL).stroke({ width: 1.5, color: 0x2b2622 });
  const states = state.objects[id]?.states ?? [];
  states.forEach((name, i) => {
    const angle = -Math.PI / 4 + i * (Math.PI / 3);
    g.circle(cx + Math.cos(angle) * r, cy + Math.sin(angle) * r, Math.max(2.5, r * 0.38)).fill(hex(STATE_COLOURS[name] ?? '#999999')).stroke({ width: 1, color: 0xffffff });
  });
  group.addChild(g);
  const type = world.objectTypes.get(id) ?? id;
  const short = label(`${type.slice(0, 2)}${id.split(' ')[1] ?? ''}`, Math.max(6, r * 0.8), 0x2b2622, 'bold');
  short.position.set(cx, cy);
  if (short.width > r * 1.8) short.scale.set((r * 1.8) / short.width);
  group.addChild(short);
  if (!seenIt) group.alpha = 0.35;
  layer.addChild(group);
}

function drawMovable(layer: Container, id: string, at: readonly [number, number], cell: number): void {
  const g = new Graphics();
  const pad = cell * 0.16;
  g.roundRect(at[0] * cell + pad, at[1] * cell + pad, cell - 2 * pad, cell - 2 * pad, cell * 0.08).fill(MOVABLE).stroke({ width: 1.5, color: 0x6b4f2a });
  layer.addChild(g);
  const text = label(id, Math.max(7, cell * 0.14), 0x2b2622, 'bold');
  text.position.set(at[0] * cell + cell / 2, at[1] * cell + cell / 2);
  if (text.width > cell - 2) text.scale.set((cell - 2) / text.width);
  layer.addChild(text);
}

function drawAgent(layer: Container, world: CompiledWorld, state: WorldState, seen: Seen, cell: number): void {
  const [x, y] = state.agent.cell;
  const cx = x * cell + cell / 2;
  const cy = y * cell + cell / 2;
  const g = new Graphics();
  g.circle(cx, cy, cell * 0.3).fill(AGENT).stroke({ width: 2, color: 0xffffff });
  layer.addChild(g);
  const you = label('you', Math.max(8, cell * 0.17), 0xffffff, 'bold');
  you.position.set(cx, cy - (state.agent.holding ? cell * 0.08 : 0));
  layer.addChild(you);
  const held = Object.entries(state.objects).find(([, object]) => object.location === HELD)?.[0];
  if (held) drawObject(layer, world, state, held, cx + cell * 0.24, cy + cell * 0.22, cell * 0.15, true);
}

/** Rooms never entered, under a grey veil (their furniture is on the known house plan). */
function drawUnvisited(layer: Container, world: CompiledWorld, seen: Seen, cell: number): void {
  const veil = new Graphics();
  let any = false;
  for (let index = 0; index < world.base.length; index++) {
    const room = world.rooms[world.roomByCell[index] ?? -1];
    if (!room || seen.rooms.has(room.id)) continue;
    any = true;
    veil.rect((index % world.width) * cell, Math.floor(index / world.width) * cell, cell, cell);
  }
  if (any) {
    veil.fill({ color: 0x3a3733, alpha: 0.38 });
    layer.addChild(veil);
  }
}
