/**
 * The seeded household generator: a house from a layout seed (house-plan.ts), then a task of one
 * of the six ALFWorld types from a task seed — target objects (sometimes hidden in closed
 * furniture, sometimes several of one type), distractors, sometimes a physics hazard (a chair or a
 * box in a doorway, a closed door) and the agent's start. Every candidate goes through the same
 * loader users' files do and through the oracle; the first that loads and is solvable is kept, so
 * the result is a valid, solvable scenario and the same seeds always give the same file.
 *
 * Versions: v1 places targets and distractors uniformly over the house's furniture (household-v1);
 * v2 draws them from the placement table, mostly where such things are usually kept
 * (place-objects.ts, household-v2). Everything else — houses, task types, destinations, hidden
 * targets, duplicates, hazards, the start — is the same code. v1's draws are never touched, so its
 * files stay byte-identical.
 */
import { OBJECT_TYPES, RECEPTACLE_TYPES, typeOfId, type WorldSpec } from '../../sim/index.ts';
import { parseScenario } from '../format/parse-scenario.ts';
import { formatIssue } from '../format/scenario-issue.ts';
import type { ScenarioFile } from '../format/scenario-schema.ts';
import { solveScenario } from '../oracle/solve.ts';
import { planHouse, type Cell, type HousePlan } from './house-plan.ts';
import { drawPlace, drawTargetPlaces, typesPlacedHere, type Placement, type PlacementDraw } from './place-objects.ts';
import { chance, intBetween, pick, rngFor, shuffled, type Rng } from './random-tools.ts';
import { ROOM_KINDS } from './room-kinds.ts';
import { TASKS, type TaskType } from './task-types.ts';

/**
 * The generator versions this code can produce, each forever byte-stable. A change of output for
 * any input is a new version (and a new suite), never an edit of an old one; suites record theirs.
 */
export const GENERATOR_VERSIONS = [1, 2] as const;
export type GeneratorVersion = (typeof GENERATOR_VERSIONS)[number];
/** The newest version (what new suites should use). */
export const LATEST_GENERATOR_VERSION: GeneratorVersion = 2;

/** True when this code can produce generator version `version`. */
export function isGeneratorVersion(version: number): version is GeneratorVersion {
  return (GENERATOR_VERSIONS as readonly number[]).includes(version);
}
const MAX_ATTEMPTS = 40;
const MAX_STEP_LIMIT = 50;

export interface GenerateRequest {
  id: string;
  taskType: TaskType;
  layoutSeed: number;
  /** Rooms in the house, 1–4. */
  rooms: number;
  taskSeed: number;
  /** Generator version; default 1 (uniform placement), so callers that predate v2 get the same files. */
  version?: GeneratorVersion;
}

export interface GeneratedScenario {
  file: ScenarioFile;
  world: WorldSpec;
  /** The oracle's plan for it. */
  plan: string[];
  /** Candidates tried before this one was accepted. */
  attempts: number;
  /** Where each target and distractor was put and how that was drawn (for statistics; not in the file). */
  placements: Placement[];
}

export class GenerationError extends Error {}

/** The house a layout seed gives (tasks in the same layout share it). */
export function houseFor(layoutSeed: number, rooms: number): HousePlan {
  return planHouse(rngFor(layoutSeed, 'house', rooms), rooms);
}

/** A valid, solvable scenario for the request, or a GenerationError saying why none was found. */
export function generateScenario(request: GenerateRequest): GeneratedScenario {
  if (!Number.isInteger(request.rooms) || request.rooms < 1 || request.rooms > 4) throw new GenerationError(`rooms must be 1–4, got ${request.rooms}`);
  const version = request.version ?? 1;
  if (!isGeneratorVersion(version)) throw new GenerationError(`generator version must be one of ${GENERATOR_VERSIONS.join(', ')}, got ${String(version)}`);
  const house = houseFor(request.layoutSeed, request.rooms);
  const reasons: string[] = [];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rng = rngFor(request.taskSeed, 'task', request.taskType, attempt);
    const candidate = buildCandidate(rng, house, request, version);
    if (typeof candidate === 'string') {
      reasons.push(candidate);
      continue;
    }
    const loaded = parseScenario(JSON.stringify(candidate.file), request.id);
    if (!loaded.ok) {
      reasons.push(loaded.errors.map(formatIssue).join('; '));
      continue;
    }
    const solved = solveScenario(loaded.world, { maxDepth: MAX_STEP_LIMIT, maxExpanded: 60_000 });
    if (!solved.solvable) {
      reasons.push(solved.exhausted ? 'the oracle ran out of budget' : 'not solvable');
      continue;
    }
    const file = finish(candidate.file, request.taskType, solved.plan, candidate.tags, version);
    const final = parseScenario(JSON.stringify(file), request.id);
    if (!final.ok) throw new GenerationError(`generated scenario ${request.id} stopped loading after its step limit was set: ${final.errors.map(formatIssue).join('; ')}`);
    return { file, world: final.world, plan: solved.plan, attempts: attempt + 1, placements: candidate.placements };
  }
  throw new GenerationError(`no valid, solvable ${request.taskType} scenario for layout seed ${request.layoutSeed} and task seed ${request.taskSeed} after ${MAX_ATTEMPTS} attempts; last reasons: ${reasons.slice(-3).join(' | ')}`);
}

interface Candidate {
  file: ScenarioFile;
  tags: string[];
  placements: Placement[];
}

function buildCandidate(rng: Rng, house: HousePlan, request: GenerateRequest, version: GeneratorVersion): Candidate | string {
  const task = TASKS[request.taskType];
  const holders = house.furniture.filter((piece) => RECEPTACLE_TYPES[typeOfId(piece.id)]?.holds);
  const presentTypes = [...new Set(house.furniture.map((piece) => typeOfId(piece.id)))];
  const destinationTypes = presentTypes.filter((type) => task.destinations.includes(type));
  if (task.destinations.length && destinationTypes.length === 0) return 'no destination furniture for this task type in the house';
  const destination = task.destinations.length ? pick(rng, destinationTypes) : '';

  const roomObjects = [...new Set(house.rooms.flatMap((room) => ROOM_KINDS[room.kind].objects))];
  // Room-typical targets first; lookable things may come from anywhere (a book in the kitchen) —
  // in v2 only those with a usual place in this house (see typesPlacedHere).
  const fitting = roomObjects.filter(task.targets);
  const anyTypes = Object.keys(OBJECT_TYPES).filter(task.targets);
  const holderTypes = [...new Set(holders.map((piece) => typeOfId(piece.id)))];
  const targetTypes = fitting.length ? fitting : version === 1 ? anyTypes : typesPlacedHere(anyTypes, holderTypes);
  if (targetTypes.length === 0) return 'no target object type fits the house';
  const target = pick(rng, targetTypes);

  const counters = new Map<string, number>();
  const newId = (type: string): string => {
    const n = (counters.get(type) ?? 0) + 1;
    counters.set(type, n);
    return `${type} ${n}`;
  };
  const objects: ScenarioFile['objects'] = [];
  const tags: string[] = [];
  const placements: Placement[] = [];
  const sources = holders.filter((piece) => typeOfId(piece.id) !== destination);
  if (sources.length < task.minTargets) return 'too little furniture to place the targets';

  // Targets: the required number, sometimes one more; sometimes hidden in closed furniture.
  const targetCount = task.minTargets + (chance(rng, 0.3) ? 1 : 0);
  const closed = sources.filter((piece) => piece.open === false);
  const hide = closed.length > 0 && chance(rng, 0.4);
  // v1's line is kept exactly as it was (its draws and their order define household-v1).
  const drawn = version === 1
    ? { pieces: shuffled(rng, hide ? [...closed, ...shuffled(rng, sources)] : sources).slice(0, targetCount), draws: [] as PlacementDraw[] }
    : drawTargetPlaces(rng, target, sources, closed, hide, targetCount);
  drawn.pieces.forEach((place, i) => {
    const object: ScenarioFile['objects'][number] = { id: newId(target), in: place.id };
    if (task.state === 'clean' && chance(rng, 0.5)) object.states = ['dirty'];
    objects.push(object);
    placements.push({ object: object.id, receptacle: place.id, role: 'target', draw: drawn.draws[i] ?? 'uniform' });
  });
  // v1 tags the intent; v2 tags the fact (a target inside closed furniture, hide drawn or not).
  if (version === 1 ? hide : drawn.pieces.some((piece) => piece.open === false)) tags.push('hidden-target');
  if (targetCount > task.minTargets) tags.push('duplicates');

  // Distractors: other things that belong in these rooms (v2: placed by the table, like targets).
  const others = roomObjects.filter((type) => type !== target);
  for (let i = intBetween(rng, 2, 6); i > 0; i--) {
    const id = newId(pick(rng, others));
    const { piece, draw } = version === 1 ? { piece: pick(rng, holders), draw: 'uniform' as const } : drawPlace(rng, typeOfId(id), holders);
    objects.push({ id, in: piece.id });
    placements.push({ object: id, receptacle: piece.id, role: 'distractor', draw });
  }

  const file: ScenarioFile = {
    schemaVersion: 1,
    id: request.id,
    title: task.title(target, destination),
    tags: [],
    layout: { map: house.map, legend: house.legend },
    furniture: house.furniture.map((piece) => (piece.open === undefined ? { id: piece.id, cell: piece.cell } : { id: piece.id, cell: piece.cell, open: piece.open })),
    objects,
    agent: { cell: [0, 0] },
    goal: { tree: task.goal(target, destination) },
    stepLimit: MAX_STEP_LIMIT,
  };
  addHazards(rng, house, file);
  const start = startCell(rng, house, file);
  if (!start) return 'no free cell for the agent';
  file.agent = { cell: start };
  return { file, tags, placements };
}

/** Sometimes a closed door, a chair or a box in a doorway (houses with more than one room). */
function addHazards(rng: Rng, house: HousePlan, file: ScenarioFile): void {
  if (house.doors.length === 0) return;
  if (chance(rng, 0.2)) file.doors = [{ cell: pick(rng, house.doors).cell, open: false }];
  const movables: NonNullable<ScenarioFile['movables']> = [];
  for (const type of ['chair', 'box'] as const) {
    if (!chance(rng, type === 'chair' ? 0.25 : 0.1)) continue;
    const door = pick(rng, house.doors);
    const beside = doorSides(door.cell, house).filter((cell) => !movables.some((m) => same(m.cell, cell)));
    if (beside.length) movables.push({ id: `${type} 1`, cell: pick(rng, beside) });
  }
  if (movables.length) file.movables = movables;
}

function doorSides([x, y]: Cell, house: HousePlan): Cell[] {
  const sides: Cell[] = [[x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]];
  return sides.filter(([cx, cy]) => {
    const char = house.map[cy]?.[cx];
    return char !== undefined && char !== '#' && char !== '+';
  });
}

function startCell(rng: Rng, house: HousePlan, file: ScenarioFile): Cell | undefined {
  const taken = new Set([...house.furniture.map((p) => p.cell), ...(file.movables ?? []).map((m) => m.cell)].map((c) => `${c[0]},${c[1]}`));
  const free: Cell[] = [];
  house.map.forEach((row, y) => [...row].forEach((char, x) => {
    if (char !== '#' && char !== '+' && !taken.has(`${x},${y}`)) free.push([x, y]);
  }));
  return free.length ? pick(rng, free) : undefined;
}

/** Step limit from the oracle's plan length (room to explore), and tags that describe the result. */
function finish(file: ScenarioFile, type: TaskType, plan: string[], extraTags: string[], version: GeneratorVersion): ScenarioFile {
  const length = plan.length;
  const hazards: string[] = [];
  if (plan.some((step) => step.startsWith('push chair'))) hazards.push('hazard:blocked-door');
  if (plan.some((step) => step.startsWith('push box'))) hazards.push('hazard:box-in-doorway');
  if (plan.some((step) => step.startsWith('open door'))) hazards.push('hazard:closed-door');
  // Difficulty as the agent sees it: the oracle's length, plus search (hidden targets, more rooms) and hazards.
  const rooms = Object.keys(file.layout.legend).length;
  const hidden = extraTags.includes('hidden-target');
  const difficulty = length > 10 || hazards.length > 0 || (hidden && rooms >= 3) ? 'hard' : length > 7 || hidden || rooms >= 2 ? 'medium' : 'easy';
  return {
    ...file,
    description: `Generated by Hearth's household generator v${version}; the oracle solves it in ${length} steps.`,
    tags: [`task:${type}`, `difficulty:${difficulty}`, `rooms:${rooms}`, ...hazards, ...extraTags],
    stepLimit: Math.min(MAX_STEP_LIMIT, 2 * length + 10),
  };
}

const same = (a: readonly number[], b: readonly number[]): boolean => a[0] === b[0] && a[1] === b[1];
