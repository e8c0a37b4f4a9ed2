/** Colours of the house drawing: floors by room kind, furniture by type, badges by object state. */

const ROOM_FLOORS: [RegExp, number][] = [
  [/kitchen/, 0xf4e4c1],
  [/bath/, 0xd4ebf2],
  [/bed/, 0xe7dcf1],
  [/living/, 0xdff0d6],
  [/dining/, 0xf6dccf],
  [/hall|corridor|entr/, 0xebe6dd],
  [/office|study/, 0xdbe4f3],
];
const FALLBACK_FLOORS = [0xf1e6d0, 0xdcebe0, 0xe6e0f0, 0xf0dede, 0xdde8f0];

export function floorColour(roomId: string, index: number): number {
  return ROOM_FLOORS.find(([pattern]) => pattern.test(roomId))?.[1] ?? FALLBACK_FLOORS[index % FALLBACK_FLOORS.length]!;
}

const FURNITURE: Record<string, number> = {
  fridge: 0xb8c6cc, microwave: 0x8a9ba5, stoveburner: 0x5a4a42, sinkbasin: 0x7fc4e6, bathtubbasin: 0x7fc4e6,
  countertop: 0xc2b09f, cabinet: 0xa98c72, drawer: 0x96765c, safe: 0x6f7a80, diningtable: 0xb08d6a,
  sidetable: 0xb08d6a, coffeetable: 0xb08d6a, desk: 0xa5835f, shelf: 0xa98c72, dresser: 0x9c7b5e,
  bed: 0x9fa8da, sofa: 0x8fae8b, armchair: 0x8fae8b, tvstand: 0x6d6d6d, garbagecan: 0x7b8a8f,
  desklamp: 0xd9c76a, floorlamp: 0xd9c76a,
};
export const furnitureColour = (type: string): number => FURNITURE[type] ?? 0xb0a89a;

/** Object state → badge colour (also used by the HTML legend). */
export const STATE_COLOURS: Record<string, string> = {
  hot: '#e53935',
  cold: '#1e88e5',
  clean: '#00bfa5',
  dirty: '#795548',
  sliced: '#fb8c00',
};

export const WALL = 0x4a4540;
export const DOOR_CLOSED = 0x7a4a21;
export const DOOR_OPEN = 0xd8b98f;
export const AGENT = 0x1565c0;
export const OBJECT_FILL = 0xfffdf7;
export const MOVABLE = 0xc49a5c;
export const LAMP_GLOW = 0xffeb3b;
