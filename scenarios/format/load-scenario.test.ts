import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, loadScenarioFile, loadWorldOrThrow } from './load-scenario.ts';
import { ScenarioError } from './scenario-issue.ts';

const validText = fs.readFileSync(fileURLToPath(new URL('../library/pick-apple-countertop.json', import.meta.url)), 'utf8');
type Json = Record<string, any>;
const mutate = (change: (scenario: Json) => void): string => {
  const scenario = JSON.parse(validText) as Json;
  change(scenario);
  return JSON.stringify(scenario, null, 2);
};

const broken: [name: string, text: string, path: string, fragment: string][] = [
  ['a JSON syntax error', validText.replace('"title":', '"title"'), '', 'JSON syntax error'],
  ['a wrong schema version', mutate((s) => (s.schemaVersion = 2)), 'schemaVersion', 'expected 1'],
  ['a missing field', mutate((s) => delete s.agent), 'agent', 'got nothing'],
  ['a wrong type', mutate((s) => (s.stepLimit = 'ten')), 'stepLimit', 'number'],
  ['an unknown field', mutate((s) => (s.colour = 'red')), '', "unknown field(s) 'colour'"],
  ['a malformed id', mutate((s) => (s.furniture[0].id = 'Fridge')), 'furniture[0].id', 'type then an instance number'],
  ['an unknown furniture type', mutate((s) => (s.furniture[0].id = 'fridgee 1')), 'furniture[0].id', "did you mean 'fridge'"],
  ['an unknown receptacle with a suggestion', mutate((s) => (s.objects[0].in = 'diningtable 2')), 'objects[0].in', "did you mean 'diningtable 1'"],
  ['an unknown object type', mutate((s) => (s.objects[0].id = 'appel 1')), 'objects[0].id', "did you mean 'apple'"],
  ['two things on one cell', mutate((s) => (s.furniture[1].cell = [1, 1])), 'furniture[1].cell', 'both on cell [1,1]'],
  ['the agent in a wall', mutate((s) => (s.agent.cell = [0, 2])), 'agent.cell', 'wall cell'],
  ['furniture outside the map', mutate((s) => (s.furniture[0].cell = [40, 1])), 'furniture[0].cell', 'outside the map'],
  ['rows of different lengths', mutate((s) => (s.layout.map[2] = '#kkkk#')), 'layout.map[2]', 'same length'],
  ['an unknown map character', mutate((s) => (s.layout.map[2] = '#kkkxkkkk#')), 'layout.map[2]', "unknown map character 'x'"],
  ['an unreachable room', mutate((s) => { s.layout.map[3] = '##########'; s.layout.map[4] = '#bbbbbbbb#'; s.layout.legend.b = 'bedroom'; s.furniture = s.furniture.filter((f: Json) => f.cell[1] < 3); s.objects[0].in = 'fridge 1'; }), 'layout.legend', "room 'bedroom' cannot be reached"],
  ['a goal naming an absent type', mutate((s) => (s.goal.tree.object.type = 'tomato')), 'goal.tree.object.type', 'needs a tomato but the scenario has none'],
  ['a goal naming an absent receptacle', mutate((s) => (s.goal.tree.receptacle.id = 'countertop 9')), 'goal.tree.receptacle.id', "did you mean 'countertop 1'"],
  ['a goal already true', mutate((s) => (s.objects[0].in = 'countertop 1')), 'goal.tree', 'already true'],
  ['an impossible goal (hot, no heater)', mutate((s) => { s.furniture = s.furniture.filter((f: Json) => !/microwave|stoveburner/.test(f.id)); s.goal.tree.object.states = ['hot']; }), 'goal.tree.object.states', 'nothing here can heat'],
  ['an impossible count', mutate((s) => (s.goal.tree = { type: 'count', object: { type: 'apple' }, receptacle: { id: 'countertop 1' }, min: 3 })), 'goal.tree.min', 'only 1'],
  ['a door setting on a non-door cell', mutate((s) => (s.doors = [{ cell: [2, 2], open: false }])), 'doors[0].cell', "no door ('+')"],
  ['an open flag on a table', mutate((s) => (s.furniture[7].open = true)), 'furniture[7].open', 'cannot be opened'],
  ['a duplicated id', mutate((s) => (s.objects[1].id = 'apple 1')), 'objects[1].id', 'used twice'],
];

describe('loading broken scenario files', () => {
  it.each(broken)('reports %s at its path', (_name, text, path, fragment) => {
    const result = parseScenario(text, 'broken.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const issue = result.errors.find((error) => error.path === path && error.message.includes(fragment));
    expect(issue, JSON.stringify(result.errors, null, 1)).toBeDefined();
    expect(issue!.file).toBe('broken.json');
    expect(issue!.line).toBeGreaterThan(0);
  });

  it('points at the line of the bad value', () => {
    const result = parseScenario(mutate((s) => (s.objects[0].in = 'diningtable 2')), 'x.json');
    const issue = !result.ok ? result.errors[0] : undefined;
    const line = mutate((s) => (s.objects[0].in = 'diningtable 2')).split('\n')[issue!.line! - 1];
    expect(line).toContain('diningtable 2');
  });

  it('reports a missing file instead of throwing', () => {
    const result = loadScenarioFile('/nonexistent/scenario.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toContain('ENOENT');
  });

  it('throws a ScenarioError with every issue for callers that prefer exceptions', () => {
    expect(() => loadWorldOrThrow('/nonexistent/scenario.json')).toThrow(ScenarioError);
  });
});

describe('fuzzing the loader', () => {
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(validText.length) }),
    fc.record({ kind: fc.constant('splice' as const), at: fc.nat(validText.length), text: fc.string({ maxLength: 6 }) }),
    fc.record({ kind: fc.constant('delete-key' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), value: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean(), fc.array(fc.integer({ min: -2, max: 30 }), { maxLength: 3 })) }),
  );
  const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
    value && typeof value === 'object' ? Object.entries(value).flatMap(([key, child]) => [[...path, Array.isArray(value) ? Number(key) : key], ...leaves(child, [...path, Array.isArray(value) ? Number(key) : key])]) : [];
  const apply = (m: fc.Arbitrary<unknown> extends never ? never : any): string => {
    if (m.kind === 'truncate') return validText.slice(0, m.at);
    if (m.kind === 'splice') return validText.slice(0, m.at) + m.text + validText.slice(m.at);
    const scenario = JSON.parse(validText);
    const paths = leaves(scenario);
    const path = paths[m.pick % paths.length]!;
    const parent = path.slice(0, -1).reduce((node: any, key) => node[key], scenario);
    if (m.kind === 'delete-key') Array.isArray(parent) ? parent.splice(Number(path.at(-1)), 1) : delete parent[path.at(-1)!];
    else parent[path.at(-1)!] = m.value;
    return JSON.stringify(scenario);
  };

  it('never throws and always answers with a world or structured issues (3,000 mutations)', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const result = parseScenario(apply(m), 'fuzz.json');
        if (result.ok) expect(result.world.formatVersion).toBe(1);
        else for (const issue of result.errors) expect(typeof issue.message).toBe('string');
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});
