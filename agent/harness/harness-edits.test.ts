import { describe, expect, it } from 'vitest';
import { HarnessError } from './harness-error.ts';
import { behaviourId, harnessSpecSchema, type HarnessSpec } from './harness-spec.ts';
import { applyEdits, type HarnessEdit } from './harness-edits.ts';

const base = (): HarnessSpec => harnessSpecSchema.parse({
  formatVersion: 1,
  name: 'base',
  description: 'a spec to edit',
  slots: {
    summarizers: [{ part: 'observation-text' }],
    promptBuilder: { part: 'chat-prompt' },
    selector: { part: 'free-generation', params: { thought: true, maxTokens: 48 } },
    control: [{ part: 'loop-detection', params: { maxRepeats: 2 } }, { part: 'search-once' }],
  },
  texts: { lessons: 'old rule' },
});

const partsOf = (spec: HarnessSpec, slot: 'control' | 'summarizers' | 'memory' | 'validators'): string[] => spec.slots[slot].map((entry) => entry.part);

/** The HarnessError `run` throws (fails the test if it throws something else or nothing). */
function harnessErrorOf(run: () => unknown): HarnessError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HarnessError);
    return error as HarnessError;
  }
  throw new Error('expected a HarnessError');
}

describe('applyEdits', () => {
  it('inserts a part at the given index, or at the end without one', () => {
    const at = applyEdits(base(), [{ op: 'insert', slot: 'control', part: 'progress-guard', params: { takeOnSight: false }, index: 1 }]);
    expect(partsOf(at, 'control')).toEqual(['loop-detection', 'progress-guard', 'search-once']);
    expect(at.slots.control[1]!.params).toEqual({ takeOnSight: false });
    const first = applyEdits(base(), [{ op: 'insert', slot: 'control', part: 'progress-guard', params: {}, index: 0 }]);
    expect(partsOf(first, 'control')[0]).toBe('progress-guard');
    const end = applyEdits(base(), [{ op: 'insert', slot: 'control', part: 'budget-triage', params: {} }]);
    expect(partsOf(end, 'control')).toEqual(['loop-detection', 'search-once', 'budget-triage']);
  });

  it('replaces the selector (params replaced, not merged) and fills an empty single slot', () => {
    const spec = applyEdits(base(), [{ op: 'replace', slot: 'selector', part: 'numbered-menu', params: {} }]);
    expect(spec.slots.selector).toEqual({ part: 'numbered-menu', params: {} });
    const decomposed = applyEdits(base(), [{ op: 'replace', slot: 'decomposer', part: 'goal-tree', params: {} }]);
    expect(decomposed.slots.decomposer).toEqual({ part: 'goal-tree', params: {} });
  });

  it('replaces a named part of a list slot in place', () => {
    const spec = applyEdits(base(), [{ op: 'replace', slot: 'control', part: 'subgoal-shortlist', params: { stallSteps: 4 }, target: 'search-once' }]);
    expect(spec.slots.control).toEqual([{ part: 'loop-detection', params: { maxRepeats: 2 } }, { part: 'subgoal-shortlist', params: { stallSteps: 4 } }]);
  });

  it('removes a part from a list slot and empties a single slot', () => {
    expect(partsOf(applyEdits(base(), [{ op: 'remove', slot: 'control', part: 'loop-detection' }]), 'control')).toEqual(['search-once']);
    const withTree = applyEdits(base(), [{ op: 'replace', slot: 'decomposer', part: 'goal-tree', params: {} }]);
    expect(applyEdits(withTree, [{ op: 'remove', slot: 'decomposer', part: 'goal-tree' }]).slots.decomposer).toBeNull();
  });

  it('merges set-params into the existing parameters', () => {
    const spec = applyEdits(base(), [{ op: 'set-params', slot: 'selector', part: 'free-generation', params: { maxTokens: 64, parse: 'raw' } }]);
    expect(spec.slots.selector.params).toEqual({ thought: true, maxTokens: 64, parse: 'raw' });
    const control = applyEdits(base(), [{ op: 'set-params', slot: 'control', part: 'loop-detection', params: { maxRepeats: 3 } }]);
    expect(control.slots.control[0]).toEqual({ part: 'loop-detection', params: { maxRepeats: 3 } });
  });

  it('sets a text, replacing or adding a key', () => {
    const spec = applyEdits(base(), [{ op: 'set-text', key: 'lessons', text: 'new rule' }, { op: 'set-text', key: 'exemplar:heat-then-place', text: '> go to cabinet 1' }]);
    expect(spec.texts).toEqual({ lessons: 'new rule', 'exemplar:heat-then-place': '> go to cabinet 1' });
  });

  it('applies edits in order, leaves the input untouched, and drops a stale id', () => {
    const original = { ...base(), id: 'h-000000000000' };
    const before = structuredClone(original);
    const edits: HarnessEdit[] = [
      { op: 'insert', slot: 'memory', part: 'lessons', params: {} },
      { op: 'set-params', slot: 'memory', part: 'lessons', params: { lessons: [] } },
    ];
    const spec = applyEdits(original, edits);
    expect(spec.slots.memory).toEqual([{ part: 'lessons', params: { lessons: [] } }]);
    expect(spec.id).toBeUndefined();
    expect(original).toEqual(before);
  });

  it('refuses to insert a part already in the slot, naming the slot and the part', () => {
    const error = harnessErrorOf(() => applyEdits(base(), [{ op: 'insert', slot: 'control', part: 'search-once', params: {} }]));
    expect(error.message).toContain('control/search-once');
    expect(error.message).toContain('already in that slot');
  });

  it('refuses to remove or change a missing part, naming the slot and what it has', () => {
    const remove = harnessErrorOf(() => applyEdits(base(), [{ op: 'remove', slot: 'validators', part: 'admissible' }]));
    expect(remove.message).toContain("slot 'validators' has no part 'admissible'");
    expect(remove.message).toContain('(it has: none)');
    const params = harnessErrorOf(() => applyEdits(base(), [{ op: 'set-params', slot: 'control', part: 'progress-guard', params: {} }]));
    expect(params.message).toContain("slot 'control' has no part 'progress-guard' (it has: loop-detection, search-once)");
    const replace = harnessErrorOf(() => applyEdits(base(), [{ op: 'replace', slot: 'control', part: 'budget-triage', params: {}, target: 'step-budget' }]));
    expect(replace.message).toContain("slot 'control' has no part 'step-budget'");
  });
});

describe('behaviourId', () => {
  it('is equal for specs differing only in name, description and parent', () => {
    const renamed = { ...base(), name: 'other', description: 'said differently', parent: 'h-123456789abc' };
    expect(behaviourId(renamed)).toBe(behaviourId(base()));
  });

  it('differs when a parameter or a text changes', () => {
    const changed = applyEdits(base(), [{ op: 'set-params', slot: 'control', part: 'loop-detection', params: { maxRepeats: 3 } }]);
    expect(behaviourId(changed)).not.toBe(behaviourId(base()));
    expect(behaviourId(applyEdits(base(), [{ op: 'set-text', key: 'lessons', text: 'another rule' }]))).not.toBe(behaviourId(base()));
  });
});
