/**
 * The house's shapes in pixi.js, drawn afresh for each state: floors coloured per room, walls and
 * the faint grid, doors (open/closed), furniture with labels and open/closed or on/off tags,
 * objects with state badges, movable floor items, the agent with what it holds, and a veil over
 * rooms the agent has not been in. What a walk moves is drawn apart from the still rest (see
 * world-view.ts, which caches the still rest as a texture).
 */
import { Container, Graphics, Text, type TextStyleOptions } from 'pixi.js';
import { CELL_DOOR, CELL_FURNITURE, CELL_WALL, HELD, type CompiledWorld, type WorldState } from '../../sim/index.ts';
import { AGENT, DOOR_CLOSED, DOOR_OPEN, floorColour, furnitureColour, LAMP_GLOW, MOVABLE, OBJECT_FILL, STATE_COLOURS, WALL } from './palette.ts';
import type { Seen } from './seen.ts';
import type { MovingParts } from './walk-player.ts';

const hex = (colour: string): number => Number.parseInt(colour.slice(1), 16);


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

function label(text: string, size: number, colour = 0x2b2622, weight: TextStyleOptions['fontWeight'] = 'normal'): Text {
  const t = new Text({ text, style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill: colour, fontWeight: weight }, resolution: 2 });
  t.anchor.set(0.5, 0.5);
  return t;
}

/** What a walk draws apart from the still house, besides the agent: the movables it moves, and whether the veil. */
export interface Apart {
  movables: ReadonlySet<string>;
  veil: boolean;
}

/** The drawn house's moving parts, and the parts drawn apart with the index each takes in the still house once the walk ends. */
export interface HouseParts extends MovingParts {
  backInto: [Container, number][];
}

/**
 * Draws the house into `layers.still`, except what goes into `layers.moving`: the movables and the
 * veil named in `apart`, and the agent — in the same order as in the still house (the veil last).
 */
export function drawHouse(layers: { still: Container; moving: Container }, world: CompiledWorld, state: WorldState, seen: Seen, cell: number, apart: Apart): HouseParts {
  const layer = layers.still;
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
  const movables = new Map<string, Container>();
  const backInto: [Container, number][] = [];
  const drawApart = (child: Container): void => {
    backInto.push([child, layer.children.length + backInto.length]);
    layers.moving.addChild(child);
  };
  for (const [id, at] of Object.entries(state.movables)) {
    const group = drawMovable(id, at, cell);
    if (!apart.movables.has(id)) layer.addChild(group);
    else {
      movables.set(id, group);
      drawApart(group);
    }
  }
  const agent = drawAgent(world, state, seen, cell);
  const veil = drawUnvisited(world, seen, cell);
  layers.moving.addChild(agent);
  if (veil && apart.veil) drawApart(veil);
  else if (veil) layer.addChild(veil);
  return { agent, movables, backInto };
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

/** A movable floor item, in its own group (so a walk can move it). */
function drawMovable(id: string, at: readonly [number, number], cell: number): Container {
  const group = new Container();
  const g = new Graphics();
  const pad = cell * 0.16;
  g.roundRect(at[0] * cell + pad, at[1] * cell + pad, cell - 2 * pad, cell - 2 * pad, cell * 0.08).fill(MOVABLE).stroke({ width: 1.5, color: 0x6b4f2a });
  group.addChild(g);
  const text = label(id, Math.max(7, cell * 0.14), 0x2b2622, 'bold');
  text.position.set(at[0] * cell + cell / 2, at[1] * cell + cell / 2);
  if (text.width > cell - 2) text.scale.set((cell - 2) / text.width);
  group.addChild(text);
  return group;
}

/** The agent and what it holds, in one group (so a walk can move them together). */
function drawAgent(world: CompiledWorld, state: WorldState, seen: Seen, cell: number): Container {
  const layer = new Container();
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
  return layer;
}

/** Whether the cell at `index` is in a room the agent has not been in (outside the grid: no). */
export function unvisited(world: CompiledWorld, seen: Seen, index: number): boolean {
  const room = index >= 0 && index < world.base.length ? world.rooms[world.roomByCell[index] ?? -1] : undefined;
  return room !== undefined && !seen.rooms.has(room.id);
}

/** Rooms never entered, under a grey veil (their furniture is on the known house plan); null when there are none. */
function drawUnvisited(world: CompiledWorld, seen: Seen, cell: number): Graphics | null {
  const veil = new Graphics();
  let any = false;
  for (let index = 0; index < world.base.length; index++) {
    if (!unvisited(world, seen, index)) continue;
    any = true;
    veil.rect((index % world.width) * cell, Math.floor(index / world.width) * cell, cell, cell);
  }
  if (!any) {
    veil.destroy();
    return null;
  }
  return veil.fill({ color: 0x3a3733, alpha: 0.38 });
}
