/**
 * Where the generator puts a target or a distractor. v1 chose uniformly (its code stays in
 * generate-scenario.ts, untouched); v2 draws from the placement table: with probability
 * TYPICAL_SHARE a typical receptacle type present in the pool (by the table's weights, then one
 * piece of that type uniformly), else any piece of the pool uniformly. When none of the object's
 * typical types is in the pool, the draw falls back to uniform and says so, so a suite's share
 * of typical placements can be audited rather than assumed.
 */
import { typeOfId } from '../../sim/index.ts';
import type { PlannedFurniture } from './house-plan.ts';
import { isTypicalPlace, TYPICAL_SHARE, typicalPlaces } from './placement-table.ts';
import { chance, pick, weightedPick, type Rng } from './random-tools.ts';

/**
 * How a placement was drawn: `typical` from the table, `anywhere` the uniform share, `fallback`
 * uniform because no typical type was in the pool, `uniform` the v1 generator (no table).
 */
export type PlacementDraw = 'typical' | 'anywhere' | 'fallback' | 'uniform';

/** One object the generator placed, and how it chose the place (never written to the scenario file). */
export interface Placement {
  object: string;
  receptacle: string;
  role: 'target' | 'distractor';
  draw: PlacementDraw;
}


/** A piece of `pool` (non-empty) for an object of `objectType`, drawn as the module comment says. */
export function drawPlace(rng: Rng, objectType: string, pool: readonly PlannedFurniture[]): { piece: PlannedFurniture; draw: PlacementDraw } {
  const weights = typicalPlaces(objectType);
  // Pool order (house order) keeps the draw deterministic; each type once, whatever its count.
  const present = [...new Set(pool.map((piece) => typeOfId(piece.id)))].filter((type) => (weights[type] ?? 0) > 0);
  if (present.length === 0) return { piece: pick(rng, pool), draw: 'fallback' };
  if (!chance(rng, TYPICAL_SHARE)) return { piece: pick(rng, pool), draw: 'anywhere' };
  // The weight belongs to the type, not to each piece: two cabinets are not twice as likely as one.
  const type = weightedPick(rng, present, (t) => weights[t]!);
  return { piece: pick(rng, pool.filter((piece) => typeOfId(piece.id) === type)), draw: 'typical' };
}

/**
 * v2 target places. Duplicates go into different pieces while an unused piece of a typical type
 * is left (else they may share one: two apples in one fridge beat an apple in the bathtub). With
 * `hide`, the first target goes into closed furniture if one of the object's typical types is
 * closed here (the fridge for an apple, a drawer for a fork); otherwise it is not forced, because
 * a hidden pillow would have to be an atypical one.
 */
export function drawTargetPlaces(rng: Rng, objectType: string, sources: readonly PlannedFurniture[], closed: readonly PlannedFurniture[], hide: boolean, count: number): { pieces: PlannedFurniture[]; draws: PlacementDraw[] } {
  const pieces: PlannedFurniture[] = [];
  const draws: PlacementDraw[] = [];
  const hideFirst = hide && closed.some((piece) => isTypicalPlace(objectType, typeOfId(piece.id)));
  for (let i = 0; i < count; i++) {
    const base = hideFirst && i === 0 ? closed : sources;
    const unused = base.filter((piece) => !pieces.includes(piece));
    const hasTypical = (pool: readonly PlannedFurniture[]): boolean => pool.some((piece) => isTypicalPlace(objectType, typeOfId(piece.id)));
    const pool = unused.length && (hasTypical(unused) || !hasTypical(base)) ? unused : base;
    const { piece, draw } = drawPlace(rng, objectType, pool);
    pieces.push(piece);
    draws.push(draw);
  }
  return { pieces, draws };
}

/**
 * v2 target types when no object of the house's rooms fits the task (a look-at task in a
 * kitchen-only house): those with a typical place in the house, so the target is never an object
 * that has no usual place here. Falls back to all candidates when none has one.
 */
export function typesPlacedHere(candidates: readonly string[], presentReceptacleTypes: readonly string[]): string[] {
  const placed = candidates.filter((type) => presentReceptacleTypes.some((r) => isTypicalPlace(type, r)));
  return placed.length ? placed : [...candidates];
}
