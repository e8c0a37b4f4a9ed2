/**
 * The PDDL problem of a scenario: its objects (items, receptacles, rooms with their floor spots,
 * doors, movables — ids made PDDL-safe, `fridge 1` → `fridge_1`), the initial facts (static ones,
 * the initial simulator state's, the goal's candidate lists) and the goal facts.
 */
import type { WorldSpec } from '../../sim/index.ts';
import type { HouseLayout } from './house-layout.ts';
import { floorName, pddlName, roomName } from './pddl-names.ts';

export interface ProblemParts {
  name: string;
  domainName: string;
  world: WorldSpec;
  layout: HouseLayout;
  /** Static facts, initial-state facts and goal candidate facts. */
  init: string[];
  goal: string[];
}

export type ProblemResult = { ok: true; text: string } | { ok: false; error: string };

/** The `:objects` rows by type, or the first name clash (two ids mapping to one PDDL name). */
function objectsByType(world: WorldSpec, layout: HouseLayout): { ok: true; rows: [string, string[]][] } | { ok: false; error: string } {
  const rows: [string, [id: string, name: string][]][] = [
    ['item', world.objects.map((o) => [o.id, pddlName(o.id)])],
    ['receptacle', world.receptacles.map((r) => [r.id, pddlName(r.id)])],
    ['spot', layout.rooms.map((room) => [`floor of room ${room}`, floorName(room)])],
    ['room', layout.rooms.map((room) => [`room ${room}`, roomName(room)])],
    ['door', world.doors.map((d) => [d.id, pddlName(d.id)])],
    ['movable', world.movables.map((m) => [m.id, pddlName(m.id)])],
  ];
  const seen = new Map<string, string>();
  for (const [, pairs] of rows) {
    for (const [id, name] of pairs) {
      const clash = seen.get(name);
      if (clash !== undefined) return { ok: false, error: `'${clash}' and '${id}' would both be named ${name} in PDDL; rename one of them` };
      seen.set(name, id);
    }
  }
  return { ok: true, rows: rows.map(([type, pairs]) => [type, pairs.map(([, name]) => name)]) };
}

/** The problem text, or a naming clash. */
export function problemText(parts: ProblemParts): ProblemResult {
  const objects = objectsByType(parts.world, parts.layout);
  if (!objects.ok) return objects;
  const lines = [
    `(define (problem ${parts.name})`,
    `  (:domain ${parts.domainName})`,
    '  (:objects',
    ...objects.rows.filter(([, names]) => names.length > 0).map(([type, names]) => `    ${names.join(' ')} - ${type}`),
    '  )',
    '  (:init',
    ...parts.init.map((f) => `    ${f}`),
    '  )',
    `  (:goal (and ${parts.goal.join(' ')}))`,
    ')',
    '',
  ];
  return { ok: true, text: lines.join('\n') };
}
