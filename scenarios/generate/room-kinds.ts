/**
 * What each kind of room holds: the furniture it always has, a pool it draws a few more from, and
 * the small objects that usually live there (used for targets and distractors). Plain data.
 */
export type RoomKindName = 'kitchen' | 'living room' | 'bedroom' | 'bathroom';

export interface RoomKind {
  symbol: string;
  required: string[];
  optional: string[];
  /** How many optional pieces to add: [min, max]. */
  extra: [number, number];
  objects: string[];
}

export const ROOM_KINDS: Readonly<Record<RoomKindName, RoomKind>> = {
  kitchen: {
    symbol: 'k',
    required: ['fridge', 'microwave', 'countertop', 'sinkbasin'],
    optional: ['stoveburner', 'cabinet', 'cabinet', 'drawer', 'drawer', 'diningtable', 'garbagecan', 'shelf'],
    extra: [2, 5],
    objects: ['apple', 'potato', 'tomato', 'bread', 'lettuce', 'egg', 'mug', 'cup', 'plate', 'bowl', 'pan', 'pot', 'knife', 'spoon', 'fork', 'spatula', 'winebottle', 'sponge'],
  },
  'living room': {
    symbol: 'l',
    required: ['sofa', 'coffeetable'],
    optional: ['sidetable', 'shelf', 'tvstand', 'armchair', 'floorlamp', 'drawer', 'cabinet', 'garbagecan'],
    extra: [2, 4],
    objects: ['remotecontrol', 'book', 'newspaper', 'vase', 'statue', 'laptop', 'pillow', 'keychain', 'creditcard', 'watch', 'cellphone'],
  },
  bedroom: {
    symbol: 'b',
    required: ['bed', 'desk', 'desklamp'],
    optional: ['dresser', 'drawer', 'drawer', 'shelf', 'sidetable', 'safe', 'garbagecan', 'armchair'],
    extra: [2, 4],
    objects: ['alarmclock', 'book', 'pen', 'pencil', 'cd', 'cellphone', 'keychain', 'pillow', 'laptop', 'watch', 'creditcard'],
  },
  bathroom: {
    symbol: 't',
    required: ['sinkbasin', 'bathtubbasin'],
    optional: ['cabinet', 'drawer', 'countertop', 'garbagecan', 'shelf'],
    extra: [1, 3],
    objects: ['soapbar', 'cloth', 'sponge'],
  },
};
