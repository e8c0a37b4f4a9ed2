/**
 * The catalog of everything that can exist in a Hearth house: receptacle types (furniture and
 * appliances) with their capabilities, object types with their properties, and movable floor
 * items. Type names are single lower-case tokens, ALFWorld-style (`sinkbasin`, `desklamp`);
 * instance ids are `type N` (`apple 2`).
 */
import { closest } from 'fastest-levenshtein';

/** What a receptacle type can do. Absent flags are false. */
export interface ReceptacleTypeInfo {
  /** Objects can be put in/on it (lamps cannot hold objects). */
  holds: boolean;
  openable?: boolean;
  /** `heat O with R` works here. */
  heats?: boolean;
  /** `cool O with R` works here. */
  cools?: boolean;
  /** `clean O with R` works here. */
  cleans?: boolean;
  /** A lamp: `use R` switches it, and an object examined in its room while on is "examined under light". */
  light?: boolean;
  /** Objects are inside (fridge) rather than on (table): used in English text. */
  inside?: boolean;
}

/** Properties of an object type. Absent flags are false. */
export interface ObjectTypeInfo {
  sliceable?: boolean;
  heatable?: boolean;
  coolable?: boolean;
  cleanable?: boolean;
  /** Can slice things (`slice O with knife N`). */
  knife?: boolean;
  /** Plural for goal text when not just `type + s`. */
  plural?: string;
}

/**
 * The states an appliance gives, each with its action (heat → hot, cool → cold, clean → clean), the
 * capability the appliance needs, the property the object's type needs and the state it takes away (so those
 * two exclude each other).
 * The one table behind heat/cool/clean (actions/transform.ts), the oracle's pruning and the
 * loader's static checks. `sliced` comes from slicing with a knife; nothing gives `dirty`.
 */
export const STATE_TRANSFORMS = {
  hot: { action: 'heat', capability: 'heats', property: 'heatable', removes: ['cold'], participle: 'heated' },
  cold: { action: 'cool', capability: 'cools', property: 'coolable', removes: ['hot'], participle: 'cooled' },
  clean: { action: 'clean', capability: 'cleans', property: 'cleanable', removes: ['dirty'], participle: 'cleaned' },
} as const;

export type TransformedState = keyof typeof STATE_TRANSFORMS;
export type StateTransform = (typeof STATE_TRANSFORMS)[TransformedState];

/** The transform giving a state, if an appliance gives it. */
export function transformGiving(state: string): StateTransform | undefined {
  return (STATE_TRANSFORMS as Record<string, StateTransform>)[state];
}

/** The transform that takes a state away (`hot` → cool's), if any. */
export function transformRemoving(state: string): StateTransform | undefined {
  return Object.values(STATE_TRANSFORMS).find((t) => (t.removes as readonly string[]).includes(state));
}

/** Pairs of states no object has at once (a given state and one its action removes): hot/cold, clean/dirty. */
export const EXCLUSIVE_STATES: readonly (readonly [string, string])[] = Object.entries(STATE_TRANSFORMS)
  .flatMap(([state, t]) => t.removes.map((removed) => [state, removed] as const))
  .filter(([state, removed], i, pairs) => !pairs.slice(0, i).some(([a, b]) => a === removed && b === state));

/** Properties of a movable floor item type. */
export interface MovableTypeInfo {
  /** Letter on the ASCII map. */
  symbol: string;
}

const openable = { holds: true, openable: true, inside: true } as const;
const surface = { holds: true } as const;

export const RECEPTACLE_TYPES: Readonly<Record<string, ReceptacleTypeInfo>> = {
  countertop: surface,
  diningtable: surface,
  sidetable: surface,
  coffeetable: surface,
  shelf: surface,
  desk: surface,
  dresser: surface,
  bed: surface,
  sofa: surface,
  armchair: surface,
  tvstand: surface,
  cabinet: openable,
  drawer: openable,
  safe: openable,
  fridge: { ...openable, cools: true },
  microwave: { ...openable, heats: true },
  stoveburner: { holds: true, heats: true },
  sinkbasin: { holds: true, cleans: true, inside: true },
  bathtubbasin: { holds: true, cleans: true, inside: true },
  garbagecan: { holds: true, inside: true },
  desklamp: { holds: false, light: true },
  floorlamp: { holds: false, light: true },
};

const food = { heatable: true, coolable: true, cleanable: true } as const;
const dish = { heatable: true, coolable: true, cleanable: true } as const;

export const OBJECT_TYPES: Readonly<Record<string, ObjectTypeInfo>> = {
  apple: { ...food, sliceable: true },
  potato: { ...food, sliceable: true, plural: 'potatoes' },
  tomato: { ...food, sliceable: true, plural: 'tomatoes' },
  bread: { ...food, sliceable: true, plural: 'breads' },
  lettuce: { ...food, sliceable: true, plural: 'lettuces' },
  egg: food,
  mug: dish,
  cup: dish,
  plate: dish,
  bowl: dish,
  pan: dish,
  pot: dish,
  knife: { cleanable: true, knife: true, plural: 'knives' },
  butterknife: { cleanable: true, knife: true, plural: 'butterknives' },
  spoon: { cleanable: true },
  fork: { cleanable: true },
  spatula: { cleanable: true },
  cloth: { cleanable: true },
  soapbar: { cleanable: true },
  sponge: { cleanable: true },
  winebottle: { coolable: true },
  book: {},
  pen: {},
  pencil: {},
  keychain: {},
  cellphone: {},
  remotecontrol: {},
  pillow: {},
  creditcard: {},
  newspaper: {},
  alarmclock: {},
  vase: { plural: 'vases' },
  watch: { plural: 'watches' },
  laptop: {},
  cd: {},
  statue: {},
};

export const MOVABLE_TYPES: Readonly<Record<string, MovableTypeInfo>> = {
  chair: { symbol: 'h' },
  box: { symbol: 'x' },
  laundrybasket: { symbol: 'l' },
};

/**
 * Words people (and models) use for catalog types: spaced spellings ("sink basin"), short forms
 * ("remote", "table"). Used by the action parser only; the state always uses catalog names.
 */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
  table: 'diningtable',
  remote: 'remotecontrol',
  phone: 'cellphone',
  soap: 'soapbar',
  sink: 'sinkbasin',
  basin: 'sinkbasin',
  stove: 'stoveburner',
  burner: 'stoveburner',
  bin: 'garbagecan',
  trash: 'garbagecan',
  trashcan: 'garbagecan',
  lamp: 'desklamp',
  counter: 'countertop',
  keys: 'keychain',
  key: 'keychain',
  couch: 'sofa',
  refrigerator: 'fridge',
  basket: 'laundrybasket',
  bottle: 'winebottle',
  clock: 'alarmclock',
};

/** Any type name known to the catalog, of any kind. */
export function isKnownType(type: string): boolean {
  return type in RECEPTACLE_TYPES || type in OBJECT_TYPES || type in MOVABLE_TYPES;
}

/** Thrown when a world names a type the catalog does not know. */
export class UnknownTypeError extends Error {
  constructor(
    readonly kind: 'receptacle' | 'object' | 'movable',
    readonly type: string,
    readonly known: readonly string[],
    readonly where: string,
  ) {
    super(
      `Unknown ${kind} type "${type}" at ${where}; did you mean "${closest(type, [...known])}"? ` +
        `Known ${kind} types: ${known.join(', ')}.`,
    );
    this.name = 'UnknownTypeError';
  }
}

/** Looks up a receptacle type, throwing with the closest match when unknown. */
export function receptacleType(type: string, where = 'receptacle'): ReceptacleTypeInfo {
  const info = RECEPTACLE_TYPES[type];
  if (!info) throw new UnknownTypeError('receptacle', type, Object.keys(RECEPTACLE_TYPES), where);
  return info;
}

/** Looks up an object type, throwing with the closest match when unknown. */
export function objectType(type: string, where = 'object'): ObjectTypeInfo {
  const info = OBJECT_TYPES[type];
  if (!info) throw new UnknownTypeError('object', type, Object.keys(OBJECT_TYPES), where);
  return info;
}

/** Looks up a movable type, throwing with the closest match when unknown. */
export function movableType(type: string, where = 'movable'): MovableTypeInfo {
  const info = MOVABLE_TYPES[type];
  if (!info) throw new UnknownTypeError('movable', type, Object.keys(MOVABLE_TYPES), where);
  return info;
}

/** Plural of a type name for English text ("apples", "knives"). */
export function pluralOf(type: string): string {
  return OBJECT_TYPES[type]?.plural ?? `${type}s`;
}

/** The type part of an instance id: `apple 2` → `apple`. */
export function typeOfId(id: string): string {
  let type = typeCache.get(id);
  if (type === undefined) {
    const space = id.lastIndexOf(' ');
    type = space < 0 ? id : id.slice(0, space);
    // Ids are few and reused every step (goal checks); a bounded memo avoids re-slicing them.
    if (typeCache.size > 100_000) typeCache.clear();
    typeCache.set(id, type);
  }
  return type;
}

const typeCache = new Map<string, string>();
