import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  ['a missing field', mutate((s) => delete s.agent), 'agent', "missing field 'agent' (an object); add it"],
  ['a missing nested field', mutate((s) => delete s.furniture[0].cell), 'furniture[0].cell', "missing field 'cell' (a [x, y] pair); add it to furniture[0]"],
  ['a missing field beside its misspelling', mutate((s) => { s.titel = s.title; delete s.title; }), 'title', "missing field 'title' (a string); add it, or rename 'titel' to 'title'"],
  ['a misspelled field with the closest name', mutate((s) => { s.titel = s.title; delete s.title; }), 'titel', "unknown field 'titel' — did you mean 'title'?"],
  ['a misspelled nested field with the closest name', mutate((s) => { s.furniture[0].cel = s.furniture[0].cell; delete s.furniture[0].cell; }), 'furniture[0].cel', "did you mean 'cell'?"],
  ['a misspelled field in a goal node', mutate((s) => { s.goal.tree.receptacel = s.goal.tree.receptacle; delete s.goal.tree.receptacle; }), 'goal.tree.receptacel', "did you mean 'receptacle'?"],
  ['a selector with both id and type', mutate((s) => (s.goal.tree.object = { id: 'apple 1', type: 'apple' })), 'goal.tree.object', "not both; remove 'id' or 'type'"],
  ['a selector with neither id nor type', mutate((s) => (s.goal.tree.object = { states: ['hot'] })), 'goal.tree.object', "needs 'id'"],
  ['a selector with a malformed id', mutate((s) => (s.goal.tree.object = { id: 'Apple' })), 'goal.tree.object.id', 'type then an instance number'],
  ['a UTF-8 byte-order mark', `\uFEFF${validText}`, '', 'save the file as UTF-8 without BOM'],
  ['a trailing comma before }', validText.replace(/\s*}\s*$/, ',\n}\n'), '', 'trailing comma before }: remove it'],
  ['a trailing comma before ]', mutate((s) => (s.tags = ['a'])).replace('"a"', '"a",'), '', 'trailing comma before ]: remove it'],
  ['a line comment', validText.replace('{', '{ // a house\n'), '', 'comments are not allowed in scenario JSON'],
  ['a block comment', validText.replace('{', '{ /* a house */'), '', 'comments are not allowed in scenario JSON'],
  ['a wrong type', mutate((s) => (s.stepLimit = 'ten')), 'stepLimit', 'number'],
  ['an unknown field', mutate((s) => (s.colour = 'red')), 'colour', "unknown field 'colour'; allowed here: $schema, schemaVersion, id"],
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
  // Statically impossible goals.
  ['one object in two places', mutate((s) => (s.goal.tree = { type: 'all-of', goals: [inAt('apple 1', 'countertop 1'), inAt('apple 1', 'diningtable 1')] })), 'goal.tree.goals[1]', 'an object is in one place'],
  ['an object held and placed at once', mutate((s) => (s.goal.tree = { type: 'all-of', goals: [{ type: 'holding', object: { id: 'apple 1' } }, inAt('apple 1', 'countertop 1')] })), 'goal.tree.goals[1]', 'an object is in one place'],
  ['two objects held at once', mutate((s) => (s.goal.tree = { type: 'all-of', goals: [{ type: 'holding', object: { id: 'apple 1' } }, { type: 'holding', object: { id: 'bread 1' } }] })), 'goal.tree.goals[1]', 'holds one thing at a time'],
  ['an object both hot and cold', mutate((s) => (s.goal.tree.object = { type: 'apple', states: ['hot', 'cold'] })), 'goal.tree.object.states', 'both hot and cold'],
  ['one object hot in one part and cold in another', mutate((s) => (s.goal.tree = { type: 'all-of', goals: [{ type: 'has-state', object: { id: 'apple 1', states: ['hot'] } }, { type: 'has-state', object: { id: 'apple 1', states: ['cold'] } }] })), 'goal.tree.goals[1]', 'cannot be both'],
  ['something put into a lamp', mutate((s) => { s.furniture.push({ id: 'desklamp 1', cell: [5, 4] }); s.goal.tree.receptacle = { id: 'desklamp 1' }; }), 'goal.tree.receptacle', 'desklamp holds nothing'],
  ['light-on of something that is not a lamp', mutate((s) => { s.furniture.push({ id: 'desklamp 1', cell: [5, 4] }); s.goal.tree = { type: 'light-on', receptacle: { id: 'countertop 1' } }; }), 'goal.tree.receptacle', 'countertop 1 is not one; allowed: desklamp 1'],
  ['a dirty state nothing can give', mutate((s) => (s.goal.tree = { type: 'has-state', object: { id: 'apple 1', states: ['dirty'] } })), 'goal.tree.object.states', 'nothing makes an object dirty'],
  ['a state the type cannot take', mutate((s) => { s.objects.push({ id: 'book 1', in: 'diningtable 1' }); s.goal.tree = inAt('book 1', 'countertop 1', ['hot']); }), 'goal.tree.object.states', 'book cannot be heated'],
  ['a step limit shorter than any plan', mutate((s) => (s.stepLimit = 2)), 'stepLimit', 'every plan takes at least 3 steps'],
];

function inAt(object: string, receptacle: string, states?: string[]): Json {
  return { type: 'in', object: states ? { id: object, states } : { id: object }, receptacle: { id: receptacle } };
}

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

  it('points a misspelled field at its own line, not 1:1', () => {
    const text = mutate((s) => { s.furniture[0].cel = s.furniture[0].cell; delete s.furniture[0].cell; });
    const result = parseScenario(text, 'x.json');
    const issue = !result.ok ? result.errors.find((error) => error.path === 'furniture[0].cel') : undefined;
    expect(issue?.suggestion).toBe('cell');
    expect(issue!.line).toBeGreaterThan(1);
    expect(text.split('\n')[issue!.line! - 1]).toContain('"cel"');
    const missing = !result.ok ? result.errors.find((error) => error.path === 'furniture[0].cell') : undefined;
    expect(missing?.message).toContain("rename 'cel' to 'cell'");
    expect(missing!.line).toBe(issue!.line);
  });

  it('says a file is UTF-16 or not UTF-8 instead of calling it binary or reading it garbled', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-encoding-'));
    const write = (name: string, bytes: Buffer): string => (fs.writeFileSync(path.join(folder, name), bytes), path.join(folder, name));
    const message = (file: string): string => { const r = loadScenarioFile(file); return r.ok ? 'ok' : r.errors[0]!.message; };
    expect(message(write('bom16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(validText, 'utf16le')])))).toBe('the file looks like UTF-16: save it as UTF-8');
    expect(message(write('le16.json', Buffer.from(validText, 'utf16le')))).toBe('the file looks like UTF-16: save it as UTF-8');
    const latin1 = Buffer.from(validText.replace('"title": "', '"title": "Caf\u00e9 '), 'latin1');
    const at = latin1.indexOf(0xe9);
    expect(message(write('latin1.json', latin1))).toMatch(new RegExp(`^invalid UTF-8 at byte ${at}: .*save it as UTF-8`));
    expect(message(write('utf8.json', Buffer.from(validText.replace('"title": "', '"title": "Caf\u00e9 \u{1F34E} '), 'utf8')))).toBe('ok');
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

describe('input that cannot be a scenario', () => {
  const nested = (depth: number): string => mutate((s) => {
    let tree = s.goal.tree;
    for (let i = 0; i < depth; i++) tree = { type: 'not', goal: tree };
    s.goal.tree = tree;
  });

  it('refuses a goal tree nested 1,000 deep with one clear issue (no stack overflow)', () => {
    const result = parseScenario(nested(1000), 'deep.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toMatch(/^the goal tree nests deeper than 32 levels; allowed: at most 32/);
    expect(result.errors[0]!.path).toMatch(/^goal\.tree(\.goal){32}$/);
    expect(parseScenario(nested(30), 'ok.json').ok).toBe(true); // 31 levels (an even number of nots: the goal as written)
    const wide = mutate((s) => {
      let tree = s.goal.tree;
      for (let i = 0; i < 1000; i++) tree = { type: 'all-of', goals: [tree] };
      s.goal.tree = tree;
    });
    const allOf = parseScenario(wide, 'all-of.json');
    expect(!allOf.ok && allOf.errors[0]!.message).toMatch(/^the goal tree nests deeper than 32 levels/);
  });

  it('refuses JSON nested 100,000 deep before parsing it', () => {
    const result = parseScenario('['.repeat(100_000) + ']'.repeat(100_000), 'brackets.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/the JSON nests deeper than 2,500 levels here/);
  });

  it('lists at most 50 problems of a file full of them, and counts the rest', () => {
    const result = parseScenario('{'.repeat(100) + 'x,'.repeat(5000), 'noise.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(51);
    expect(result.errors[50]!.message).toMatch(/^… and \d+ more problems/);
  });

  it('answers a file with 20,000 bad objects (40,000 problems) with the first 50, located and with suggestions, and the count', () => {
    const text = mutate((s) => (s.objects = Array.from({ length: 20_000 }, (_, i) => ({ id: `zzz ${i + 1}`, in: 'nowhere 1' }))));
    const result = parseScenario(text, 'many.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(51);
    expect(result.errors[0]).toMatchObject({ path: 'objects[0].id', line: expect.any(Number), suggestion: expect.any(String) });
    expect(result.errors[49]).toMatchObject({ path: 'objects[24].in', line: expect.any(Number), suggestion: expect.any(String) });
    expect(result.errors[50]!.message).toMatch(/^… and 399[5-9]\d more problems \(fix the ones above first\)$/);
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
