/**
 * Where things usually are: for every object type, the receptacle types it is typically found
 * in or on, with relative weights (higher = more usual). Plain data, meant to be read and argued
 * with by eye. Drawn from common household sense, with ALFWorld's object–receptacle pairs as the
 * reference (its coffee machines, toilets and toaster are not in Hearth's catalog, so they are not
 * here). Only receptacle types that exist in the catalog and can hold objects appear (the
 * placement-table test checks it).
 *
 * The household generator v2 (and only v2) places targets and distractors with it; see
 * generate-scenario.ts for how. It is generator data: harness parts must never read it (a test
 * checks that nothing under agent/harness/ can reach scenarios/generate/), so whatever an agent
 * "knows" about where apples are has to come from its model, not from this file.
 */

/** Receptacle type → relative weight. */
export type TypicalPlaces = Readonly<Record<string, number>>;

/**
 * Share of v2 placements drawn from the typical places present in the house; the rest are drawn
 * uniformly from every holding piece (typical ones included), so knowing the table helps but
 * does not replace searching.
 */
export const TYPICAL_SHARE = 0.85;

export const PLACEMENT_TABLE: Readonly<Record<string, TypicalPlaces>> = {
  // Food: the fridge, or out on a counter or the table.
  apple: { fridge: 4, countertop: 3, diningtable: 2 },
  potato: { fridge: 3, countertop: 3, diningtable: 2 },
  tomato: { fridge: 4, countertop: 3, diningtable: 2 },
  bread: { countertop: 4, diningtable: 3, fridge: 1 },
  lettuce: { fridge: 5, countertop: 2, diningtable: 1 },
  egg: { fridge: 5, countertop: 2, diningtable: 1 },
  winebottle: { fridge: 3, countertop: 2, diningtable: 2, cabinet: 2, shelf: 1 },

  // Dishes: put away in a cabinet, in use on a counter or table, or waiting in the sink.
  mug: { cabinet: 4, countertop: 3, shelf: 2, sinkbasin: 1 },
  cup: { cabinet: 4, countertop: 3, diningtable: 1, shelf: 1, sinkbasin: 1 },
  plate: { cabinet: 4, diningtable: 3, countertop: 2, sinkbasin: 1 },
  bowl: { cabinet: 4, countertop: 2, diningtable: 2, shelf: 1 },
  pan: { stoveburner: 5, cabinet: 3, countertop: 2 },
  pot: { stoveburner: 5, cabinet: 3, countertop: 2 },

  // Cutlery and tools: the drawer first.
  knife: { drawer: 4, countertop: 3, diningtable: 1 },
  butterknife: { drawer: 4, countertop: 2, diningtable: 2 },
  spoon: { drawer: 4, countertop: 2, diningtable: 2 },
  fork: { drawer: 4, countertop: 2, diningtable: 2 },
  spatula: { drawer: 4, countertop: 3 },

  // Cleaning things: by a sink or a tub, or in the cabinet under it.
  sponge: { sinkbasin: 4, countertop: 3, cabinet: 1, bathtubbasin: 1 },
  cloth: { cabinet: 3, countertop: 2, bathtubbasin: 2, drawer: 1 },
  soapbar: { bathtubbasin: 3, countertop: 3, sinkbasin: 2, cabinet: 2 },

  // Small things of the living room and bedroom.
  book: { shelf: 4, desk: 3, sidetable: 2, coffeetable: 2, bed: 2 },
  pen: { desk: 4, drawer: 3, sidetable: 1, shelf: 1 },
  pencil: { desk: 4, drawer: 3, shelf: 1 },
  keychain: { sidetable: 4, dresser: 3, drawer: 3, coffeetable: 1, safe: 1 },
  cellphone: { desk: 3, sidetable: 3, bed: 2, sofa: 2, dresser: 1 },
  remotecontrol: { coffeetable: 4, sofa: 3, tvstand: 3, armchair: 2, sidetable: 1 },
  pillow: { bed: 4, sofa: 4, armchair: 2 },
  creditcard: { desk: 3, drawer: 3, sidetable: 2, dresser: 2, safe: 1 },
  newspaper: { coffeetable: 4, sofa: 2, sidetable: 2, armchair: 2, diningtable: 1 },
  alarmclock: { sidetable: 4, desk: 3, dresser: 2, shelf: 1 },
  vase: { shelf: 4, sidetable: 3, coffeetable: 2, tvstand: 2, diningtable: 1 },
  watch: { dresser: 3, sidetable: 3, desk: 2, drawer: 2, safe: 1 },
  laptop: { desk: 4, bed: 2, sofa: 2, coffeetable: 2 },
  cd: { shelf: 3, desk: 3, tvstand: 2, drawer: 2 },
  statue: { shelf: 4, sidetable: 3, coffeetable: 2, dresser: 2, tvstand: 1 },
};

/** The typical receptacle types of an object type (none if the table does not list it). */
export function typicalPlaces(objectType: string): TypicalPlaces {
  return PLACEMENT_TABLE[objectType] ?? {};
}

/** True when `receptacleType` is one of the typical places of `objectType`. */
export function isTypicalPlace(objectType: string, receptacleType: string): boolean {
  return (typicalPlaces(objectType)[receptacleType] ?? 0) > 0;
}
