/**
 * The draft house drawn with pixi.js, as the editor sees it: the raw map (so an invalid draft
 * draws too — a door in open floor, a character no room names), furniture with what is in it,
 * movables, the agent's start, the keyboard cursor and the cells a validation error points at.
 * Pointer presses and drags are reported as grid cells; the view decides what they do.
 */
import { Application, Container, Graphics, Text } from 'pixi.js';
import { AGENT, DOOR_CLOSED, DOOR_OPEN, floorColour, furnitureColour, MOVABLE, OBJECT_FILL, STATE_COLOURS, WALL } from '../world/palette.ts';
import type { Cell, Draft } from './editor-draft.ts';

export interface DraftCanvasOptions {
  maxWidth: number;
  maxHeight: number;
  /** A press on a cell (drag: the pointer moved onto it with the button held). */
  onPress: (cell: Cell, drag: boolean) => void;
}

const UNKNOWN = 0xf06292;
const CURSOR = 0x1565c0;
const ERROR = 0xd32f2f;
const roomId = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export class DraftCanvas {
  private readonly app = new Application();
  private readonly layer = new Container();
  private readonly ready: Promise<void>;
  private cell = 32;
  private draws = 0;

  constructor(private readonly host: HTMLElement, private readonly options: DraftCanvasOptions) {
    this.ready = this.app
      // No ticker: the draft is drawn once per edit (draw() renders), not 60 times a second.
      .init({ width: options.maxWidth, height: options.maxHeight, background: 0xf7f3ec, antialias: true, preference: 'webgl', resolution: Math.max(1, window.devicePixelRatio || 1), autoDensity: true, autoStart: false })
      .then(() => {
        this.app.canvas.setAttribute('aria-hidden', 'true');
        this.app.canvas.style.touchAction = 'none';
        this.host.appendChild(this.app.canvas);
        this.app.stage.addChild(this.layer);
        this.listen(this.app.canvas);
      });
  }

  private listen(canvas: HTMLCanvasElement): void {
    let last = '';
    const cellAt = (event: PointerEvent): Cell => {
      const box = canvas.getBoundingClientRect();
      return [Math.floor((event.clientX - box.left) / this.cell), Math.floor((event.clientY - box.top) / this.cell)];
    };
    canvas.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      canvas.setPointerCapture(event.pointerId);
      const cell = cellAt(event);
      last = String(cell);
      this.options.onPress(cell, false);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!(event.buttons & 1) || !last) return;
      const cell = cellAt(event);
      if (String(cell) === last) return;
      last = String(cell);
      this.options.onPress(cell, true);
    });
    const end = (): void => void (last = '');
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  /** Redraws the draft; `marked` holds "x,y" keys of cells an error points at. */
  async draw(draft: Draft, cursor: Cell, marked: ReadonlySet<string>): Promise<void> {
    await this.ready;
    const width = Math.max(...draft.map.map((row) => row.length), 1);
    const height = Math.max(draft.map.length, 1);
    this.cell = Math.max(12, Math.min(64, Math.floor(this.options.maxWidth / width), Math.floor(this.options.maxHeight / height)));
    this.app.renderer.resize(this.cell * width, this.cell * height);
    for (const child of this.layer.removeChildren()) child.destroy({ children: true });
    drawDraft(this.layer, draft, this.cell);
    drawMarks(this.layer, marked, cursor, this.cell);
    this.app.render();
    this.host.dataset.draws = String(++this.draws);
    this.host.dataset.cell = String(this.cell);
  }
}

function label(text: string, size: number, colour: number, bold = true): Text {
  const t = new Text({ text, style: { fontFamily: 'system-ui, sans-serif', fontSize: size, fill: colour, fontWeight: bold ? 'bold' : 'normal' }, resolution: 2 });
  t.anchor.set(0.5, 0.5);
  return t;
}

function fit(text: Text, room: number): Text {
  if (text.width > room) text.scale.set(room / text.width);
  return text;
}

function drawDraft(layer: Container, draft: Draft, cell: number): void {
  const rooms = Object.entries(draft.legend);
  const floorOf = new Map(rooms.map(([key, name], index) => [key, floorColour(roomId(name), index)]));
  const doorOpen = new Map(draft.doors.map((door) => [String(door.cell), door.open]));
  const ground = new Graphics();
  const doors = new Graphics();
  // A room's name goes on its first two free cells in reading order, where no furniture hides it.
  const named = new Map<string, Cell>();
  const occupied = new Set([...draft.furniture, ...draft.movables].map((item) => String(item.cell)).concat(String(draft.agent)));
  draft.map.forEach((row, y) => [...row].forEach((char, x) => {
    const px = x * cell;
    const py = y * cell;
    if (char === '#') return void ground.rect(px, py, cell, cell).fill(WALL);
    if (char === '+') {
      const open = doorOpen.get(String([x, y])) ?? true;
      ground.rect(px, py, cell, cell).fill(0xe0dcd4);
      if (open) doors.rect(px + cell * 0.1, py + cell * 0.1, cell * 0.8, cell * 0.8).stroke({ width: Math.max(2, cell * 0.08), color: DOOR_OPEN });
      else doors.rect(px + cell * 0.1, py + cell * 0.1, cell * 0.8, cell * 0.8).fill(DOOR_CLOSED);
      return;
    }
    const floor = floorOf.get(char);
    ground.rect(px, py, cell, cell).fill(floor ?? UNKNOWN);
    if (floor !== undefined && !named.has(char) && !occupied.has(String([x, y])) && !occupied.has(String([x + 1, y]))) named.set(char, [x, y]);
    if (floor === undefined) layer.addChild(Object.assign(label(char, cell * 0.45, 0xffffff), { x: px + cell / 2, y: py + cell / 2 }));
  }));
  for (let x = 1; x < (draft.map[0]?.length ?? 0); x++) ground.moveTo(x * cell, 0).lineTo(x * cell, draft.map.length * cell);
  for (let y = 1; y < draft.map.length; y++) ground.moveTo(0, y * cell).lineTo((draft.map[0]?.length ?? 0) * cell, y * cell);
  ground.stroke({ width: 1, color: 0x000000, alpha: 0.07 });
  layer.addChild(ground, doors);
  for (const [key, [x, y]] of named) {
    const text = fit(label(`${draft.legend[key]!.toUpperCase()} (${key})`, Math.max(9, cell * 0.24), 0x6b6258), cell * 2 - 4);
    text.anchor.set(0, 0);
    text.alpha = 0.8;
    text.position.set(x * cell + 2, y * cell + 1);
    layer.addChild(text);
  }
  for (const item of draft.furniture) drawFurniture(layer, draft, item, cell);
  for (const item of draft.movables) {
    const [x, y] = item.cell;
    const pad = cell * 0.16;
    layer.addChild(new Graphics().roundRect(x * cell + pad, y * cell + pad, cell - 2 * pad, cell - 2 * pad, cell * 0.08).fill(MOVABLE).stroke({ width: 1.5, color: 0x6b4f2a }));
    layer.addChild(Object.assign(fit(label(item.id, Math.max(8, cell * 0.2), 0x2b2622), cell - 4), { x: x * cell + cell / 2, y: y * cell + cell / 2 }));
  }
  const [ax, ay] = draft.agent;
  layer.addChild(new Graphics().circle(ax * cell + cell / 2, ay * cell + cell / 2, cell * 0.32).fill(AGENT).stroke({ width: 2, color: 0xffffff }));
  layer.addChild(Object.assign(label('you', Math.max(8, cell * 0.22), 0xffffff), { x: ax * cell + cell / 2, y: ay * cell + cell / 2 }));
}

function drawFurniture(layer: Container, draft: Draft, item: Draft['furniture'][number], cell: number): void {
  const [x, y] = item.cell;
  const px = x * cell;
  const py = y * cell;
  const type = item.id.split(' ')[0] ?? '';
  const pad = cell * 0.05;
  const g = new Graphics().roundRect(px + pad, py + pad, cell - 2 * pad, cell - 2 * pad, cell * 0.1).fill(furnitureColour(type));
  if (item.open === false) g.roundRect(px + pad, py + pad, cell - 2 * pad, cell - 2 * pad, cell * 0.1).stroke({ width: Math.max(2, cell * 0.05), color: 0x3e2f25 });
  layer.addChild(g);
  const name = fit(label(item.id, Math.max(8, cell * 0.2), 0x1f1a16), cell * 0.94);
  name.position.set(px + cell / 2, py + cell * 0.2);
  layer.addChild(name);
  const contents = draft.objects.filter((object) => object.in === item.id);
  contents.forEach((object, i) => {
    const r = Math.max(5, cell * 0.14);
    const cx = px + cell * (0.22 + 0.28 * (i % 3));
    const cy = py + cell * (0.55 + 0.28 * Math.floor(i / 3));
    const disc = new Graphics().circle(cx, cy, r).fill(OBJECT_FILL).stroke({ width: 1.2, color: 0x2b2622 });
    object.states.forEach((state, k) => {
      const angle = -Math.PI / 4 + k * (Math.PI / 3);
      disc.circle(cx + Math.cos(angle) * r, cy + Math.sin(angle) * r, Math.max(2, r * 0.35)).fill(Number.parseInt((STATE_COLOURS[state] ?? '#999999').slice(1), 16));
    });
    layer.addChild(disc);
    const [objectType = '', number = ''] = object.id.split(' ');
    layer.addChild(Object.assign(fit(label(`${objectType.slice(0, 2)}${number}`, Math.max(6, r * 0.9), 0x2b2622), r * 1.8), { x: cx, y: cy }));
  });
}

function drawMarks(layer: Container, marked: ReadonlySet<string>, cursor: Cell, cell: number): void {
  const g = new Graphics();
  for (const key of marked) {
    const [x = 0, y = 0] = key.split(',').map(Number);
    g.rect(x * cell, y * cell, cell, cell).fill({ color: ERROR, alpha: 0.28 });
    g.rect(x * cell + 5, y * cell + 5, cell - 10, cell - 10).stroke({ width: 3, color: ERROR });
  }
  g.rect(cursor[0] * cell + 1, cursor[1] * cell + 1, cell - 2, cell - 2).stroke({ width: 3, color: CURSOR });
  g.rect(cursor[0] * cell + 4, cursor[1] * cell + 4, cell - 8, cell - 8).stroke({ width: 1, color: 0xffffff });
  layer.addChild(g);
}
