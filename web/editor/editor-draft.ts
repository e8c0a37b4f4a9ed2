/**
 * The scenario being edited: a plain, forgiving copy of the authoring format (scenario-schema.ts)
 * that may be invalid at any moment — the editor never refuses an edit, it validates the text the
 * draft turns into (`scenarioText`) with the CLI's own parser and shows what is wrong. Reading a
 * file into a draft is lenient too (`draftFromValue`): whatever fits is kept, so a broken file can
 * still be opened and fixed.
 */
import { SCENARIO_SCHEMA_VERSION } from '../../scenarios/format/scenario-schema.ts';
import type { GoalNode } from '../../sim/index.ts';

export type Cell = [number, number];

/** One scenario under edit; the fields of the authoring format, with empty values for "absent". */
export interface Draft {
  id: string;
  title: string;
  description: string;
  tags: string[];
  map: string[];
  /** Floor character → room name. */
  legend: Record<string, string>;
  doors: { cell: Cell; open: boolean }[];
  furniture: { id: string; cell: Cell; open?: boolean; on?: boolean }[];
  movables: { id: string; cell: Cell }[];
  objects: { id: string; in: string; states: string[] }[];
  agent: Cell;
  goal: GoalNode;
  goalText: string;
  /** null: the simulator's default. */
  stepLimit: number | null;
}

/**
 * How the editor's parts change the draft: `change` edits it in place; one undo step per call,
 * except that back-to-back calls with the same `stroke` key (one drag, typing in one field) share one.
 */
export type Edit = (what: string, change: (draft: Draft) => void, stroke?: string) => void;

/** A small empty kitchen, a starting point that already says what is missing. */
export function newDraft(): Draft {
  const width = 10;
  const height = 7;
  const map = Array.from({ length: height }, (_, y) => (y === 0 || y === height - 1 ? '#'.repeat(width) : `#${'k'.repeat(width - 2)}#`));
  return {
    id: 'household/my-scenario-v1',
    title: 'My scenario',
    description: '',
    tags: [],
    map,
    legend: { k: 'kitchen' },
    doors: [],
    furniture: [],
    movables: [],
    objects: [],
    agent: [1, 1],
    goal: { type: 'in', object: { type: 'apple' }, receptacle: { type: 'diningtable' } },
    goalText: '',
    stepLimit: 20,
  };
}

/** The draft as scenario JSON, keys in the schema's order, two-space indent (as `hearth scenarios generate` writes). */
export function scenarioText(draft: Draft): string {
  const file: Record<string, unknown> = { schemaVersion: SCENARIO_SCHEMA_VERSION, id: draft.id, title: draft.title };
  if (draft.description) file.description = draft.description;
  if (draft.tags.length) file.tags = draft.tags;
  file.layout = { map: draft.map, legend: draft.legend };
  if (draft.doors.length) file.doors = draft.doors.map((door) => ({ cell: door.cell, open: door.open }));
  file.furniture = draft.furniture.map((item) => ({ id: item.id, cell: item.cell, ...(item.open !== undefined ? { open: item.open } : {}), ...(item.on !== undefined ? { on: item.on } : {}) }));
  if (draft.movables.length) file.movables = draft.movables.map((item) => ({ id: item.id, cell: item.cell }));
  file.objects = draft.objects.map((object) => ({ id: object.id, in: object.in, ...(object.states.length ? { states: object.states } : {}) }));
  file.agent = { cell: draft.agent };
  file.goal = { tree: draft.goal, ...(draft.goalText ? { text: draft.goalText } : {}) };
  if (draft.stepLimit !== null) file.stepLimit = draft.stepLimit;
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `household/heat-mug-v1` → `heat-mug-v1.json`: the name the file is exported (and validated) under. */
export function exportFileName(draft: Draft): string {
  const name = (draft.id.split('/').pop() ?? '').replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '');
  return `${name || 'scenario'}.json`;
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const cellOf = (value: unknown): Cell => {
  const pair = list(value);
  return [Number.isInteger(pair[0]) ? (pair[0] as number) : 0, Number.isInteger(pair[1]) ? (pair[1] as number) : 0];
};

/** Whatever of a parsed JSON value fits a draft; the rest from `newDraft()`. */
export function draftFromValue(value: unknown): Draft {
  const file = record(value);
  const base = newDraft();
  const layout = record(file.layout);
  const map = list(layout.map).filter((row): row is string => typeof row === 'string');
  const legend = Object.fromEntries(Object.entries(record(layout.legend)).filter(([, name]) => typeof name === 'string')) as Record<string, string>;
  const goal = record(file.goal);
  return {
    id: text(file.id, base.id),
    title: text(file.title, base.title),
    description: text(file.description),
    tags: list(file.tags).filter((tag): tag is string => typeof tag === 'string'),
    map: map.length ? map : base.map,
    legend: map.length ? legend : base.legend,
    doors: list(file.doors).map((door) => ({ cell: cellOf(record(door).cell), open: record(door).open !== false })),
    furniture: list(file.furniture).map((entry) => {
      const item = record(entry);
      return { id: text(item.id), cell: cellOf(item.cell), ...(typeof item.open === 'boolean' ? { open: item.open } : {}), ...(typeof item.on === 'boolean' ? { on: item.on } : {}) };
    }),
    movables: list(file.movables).map((entry) => ({ id: text(record(entry).id), cell: cellOf(record(entry).cell) })),
    objects: list(file.objects).map((entry) => {
      const object = record(entry);
      return { id: text(object.id), in: text(object.in), states: list(object.states).filter((state): state is string => typeof state === 'string') };
    }),
    agent: cellOf(record(file.agent).cell),
    goal: goal.tree && typeof goal.tree === 'object' ? (goal.tree as GoalNode) : base.goal,
    goalText: text(goal.text),
    stepLimit: typeof file.stepLimit === 'number' ? file.stepLimit : null,
  };
}
