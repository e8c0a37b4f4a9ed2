import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_PARTS, builtInParts } from './all-parts.ts';
import { buildHarness } from './build-harness.ts';
import { createPartRegistry } from './part-registry.ts';
import { harnessId, harnessSpecSchema } from './harness-spec.ts';
import { migrateHarnessSpec } from './migrations.ts';
import { loadHarness, presetNames } from './presets/load-harness.ts';
import { testSpec } from './testing/harness-test-kit.ts';

describe('harness specs and the part registry', () => {
  it.each(BUILT_IN_PARTS.map((part) => [part.name, part] as const))('part %s builds with its default params and documents itself', (_name, part) => {
    const instance = part.create(part.params.parse({}));
    expect(instance.hooks).toBeDefined();
    expect(part.description.length).toBeGreaterThan(10);
    for (const hook of Object.keys(instance.hooks)) expect(['episode-start', 'step-start', 'before-model', 'after-model', 'before-action', 'after-action', 'step-end', 'episode-end']).toContain(hook);
    if (part.kind === 'selector') expect(instance.select).toBeTypeOf('function');
    if (part.kind === 'prompt-builder') expect(instance.build).toBeTypeOf('function');
  });

  it.each(BUILT_IN_PARTS.map((part) => [part.name, part.kind] as const))('part %s is documented in the harness README as a %s', (name, kind) => {
    const readme = fs.readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`| ${kind} | \`${name}\` |`);
  });

  it('rejects an unknown part with the closest name and the list', () => {
    expect(() => buildHarness(testSpec({ selector: { part: 'free-generaton' } }), builtInParts)).toThrow(/unknown part 'free-generaton' — did you mean 'free-generation'\? known parts: admissible, ascii-map/);
  });

  it('rejects a part in the wrong slot, naming the slot and the parts that fit', () => {
    expect(() => buildHarness(testSpec({ selector: { part: 'admissible' } }), builtInParts)).toThrow(/slots.selector: part 'admissible' is a validator, but this slot needs a selector; pick a selector \(choice-scoring, free-generation, grammar, numbered-menu\)/);
  });

  it.each([
    [{ summarizers: [{ part: 'history-window', params: { size: 0 } }] }, /slots.summarizers\[0\].params of 'history-window' are invalid: size/],
    [{ control: [{ part: 'switch-selector', params: { to: 'telepathy' } }] }, /slots.control\[0\].params of 'switch-selector' are invalid: to/],
    [{ selector: { part: 'numbered-menu', params: { colour: 'red' } } }, /slots.selector.params of 'numbered-menu' are invalid/],
  ])('rejects bad params with the slot path (%#)', (slots, message) => {
    expect(() => buildHarness(testSpec(slots), builtInParts)).toThrow(message);
  });

  it('rejects a spec without a selector and one from a newer format', () => {
    expect(() => buildHarness({ formatVersion: 1, name: 'x', slots: { promptBuilder: { part: 'chat-prompt' } } }, builtInParts)).toThrow(/slots.selector/);
    expect(() => migrateHarnessSpec({ formatVersion: 2 })).toThrow(/newer than this Hearth understands/);
  });

  it('refuses duplicate part names', () => {
    expect(() => createPartRegistry([BUILT_IN_PARTS[0]!, BUILT_IN_PARTS[0]!])).toThrow(/two parts are named/);
  });

  it('gives equal specs equal ids and different specs different ids, ignoring a stale id field', () => {
    const a = loadHarness('react-basic');
    expect(loadHarness('react-basic').id).toBe(a.id);
    expect(harnessId({ ...a.spec, id: 'h-stale' })).toBe(a.id);
    expect(harnessId({ ...a.spec, name: 'other' })).not.toBe(a.id);
    expect(harnessId(harnessSpecSchema.parse({ ...a.spec, texts: { lessons: 'x' } }))).not.toBe(a.id);
  });

  it.each(presetNames())('preset %s builds and is named after its file', (name) => {
    expect(loadHarness(name).spec.name).toBe(name);
  });

  it('ships minimal and react-basic, and says which presets exist for an unknown one', () => {
    expect(presetNames()).toEqual(expect.arrayContaining(['minimal', 'react-basic']));
    expect(() => loadHarness('react-basc')).toThrow(/did you mean 'react-basic'\? presets: /);
  });
});
