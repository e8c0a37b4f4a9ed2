import { describe, expect, it } from 'vitest';
import { harnessSpecSchema, type HarnessSpec } from '../harness/harness-spec.ts';
import { diffSpecs, formatSpecChanges } from './harness-diff.ts';

const base = (): HarnessSpec =>
  harnessSpecSchema.parse({
    formatVersion: 1,
    name: 'hand-made',
    slots: {
      summarizers: [{ part: 'observation-text' }],
      promptBuilder: { part: 'chat-transcript', params: { listActions: true, maxTurns: 6 } },
      selector: { part: 'free-generation', params: { thought: true, maxTokens: 48 } },
      validators: [{ part: 'admissible', params: { mode: 'repair' } }],
      control: [{ part: 'subgoal-shortlist', params: {} }],
    },
    texts: { lesson: 'open closed receptacles' },
  });

describe('diffSpecs', () => {
  it('finds nothing between identical specs, whatever the key order of params', () => {
    const b = base();
    b.slots.promptBuilder.params = { maxTurns: 6, listActions: true };
    expect(diffSpecs(base(), b)).toEqual([]);
    expect(formatSpecChanges([])).toBe('no changes: the same parts, parameters and texts');
  });

  it('reports a part inserted into control with its params and position', () => {
    const b = base();
    b.slots.control.unshift({ part: 'progress-guard', params: { window: 4 } });
    expect(diffSpecs(base(), b)).toEqual([{ kind: 'part-added', slot: 'control', part: 'progress-guard', params: { window: 4 }, index: 0 }]);
    expect(formatSpecChanges(diffSpecs(base(), b))).toBe('control: + progress-guard window=4 (at position 1)');
  });

  it('reports a removed part, and a reorder of the parts kept', () => {
    const a = base();
    a.slots.control.push({ part: 'search-once', params: {} }, { part: 'progress-guard', params: {} });
    const b = base();
    b.slots.control = [{ part: 'progress-guard', params: {} }, { part: 'subgoal-shortlist', params: {} }];
    expect(diffSpecs(a, b)).toEqual([
      { kind: 'part-removed', slot: 'control', part: 'search-once', params: {} },
      { kind: 'parts-reordered', slot: 'control', from: ['subgoal-shortlist', 'progress-guard'], to: ['progress-guard', 'subgoal-shortlist'] },
    ]);
  });

  it('reports a replaced selector with both parts and their params', () => {
    const b = base();
    b.slots.selector = { part: 'constrained-choice', params: { topK: 5 } };
    const changes = diffSpecs(base(), b);
    expect(changes).toEqual([{ kind: 'part-replaced', slot: 'selector', from: { part: 'free-generation', params: { thought: true, maxTokens: 48 } }, to: { part: 'constrained-choice', params: { topK: 5 } } }]);
    expect(formatSpecChanges(changes)).toBe('selector: free-generation thought=true maxTokens=48 → constrained-choice topK=5');
  });

  it('reports a decomposer added to an empty single slot as an addition', () => {
    const b = base();
    b.slots.decomposer = { part: 'task-stages', params: {} };
    expect(diffSpecs(base(), b)).toEqual([{ kind: 'part-added', slot: 'decomposer', part: 'task-stages', params: {}, index: 0 }]);
  });

  it('reports params changed, added and dropped per key', () => {
    const b = base();
    b.slots.promptBuilder.params = { listActions: true, maxTurns: 8, compact: { every: 3 } };
    b.slots.validators[0]!.params = {};
    const changes = diffSpecs(base(), b);
    expect(changes).toEqual([
      { kind: 'params-changed', slot: 'promptBuilder', part: 'chat-transcript', changes: [{ key: 'compact', to: { every: 3 } }, { key: 'maxTurns', from: 6, to: 8 }] },
      { kind: 'params-changed', slot: 'validators', part: 'admissible', changes: [{ key: 'mode', from: 'repair' }] },
    ]);
    expect(formatSpecChanges(changes)).toBe('promptBuilder/chat-transcript: compact (unset) → {"every":3}, maxTurns 6 → 8\nvalidators/admissible: mode "repair" → (unset)');
    // Plain JSON: a round trip keeps every change.
    expect(JSON.parse(JSON.stringify(changes))).toEqual(changes);
  });

  it('reports texts changed, added and removed, and renames', () => {
    const b = base();
    b.texts = { lesson: 'open every closed receptacle once', exemplar: 'go to fridge 1' };
    b.name = 'hand-made-2';
    expect(diffSpecs(base(), b)).toEqual([
      { kind: 'text-added', key: 'exemplar', text: 'go to fridge 1' },
      { kind: 'text-changed', key: 'lesson', from: 'open closed receptacles', to: 'open every closed receptacle once' },
      { kind: 'field-changed', field: 'name', from: 'hand-made', to: 'hand-made-2' },
    ]);
    const removed = diffSpecs(b, { ...b, texts: {} });
    expect(removed.map((c) => c.kind)).toEqual(['text-removed', 'text-removed']);
    expect(formatSpecChanges(removed)).toContain('texts.lesson: − "open every closed receptacle once"');
  });
});
