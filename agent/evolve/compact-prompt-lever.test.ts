/** The cost lever `compact-prompt`: when it applies, the signature it leaves, and where the rule proposer puts it. */
import { describe, expect, it } from 'vitest';
import { runScripted, testSpec } from '../harness/testing/harness-test-kit.ts';
import { harnessSpecSchema, type HarnessSpec } from '../harness/harness-spec.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import { describeSignature, showsSignature, signatureSchema } from './attribution-signature.ts';
import { candidateManifestSchema } from './candidate-manifest.ts';
import type { FailureCategory, FailureRecord } from './digest.ts';
import { leverById } from './lever-catalog.ts';
import { proposeRules, type ProposeInput } from './propose-rules.ts';

const compact = leverById('compact-prompt');
const spec = (promptBuilder: unknown, selector: unknown = { part: 'numbered-menu' }): HarnessSpec => harnessSpecSchema.parse(testSpec({ promptBuilder, selector }));

function failure(seed: number, categories: FailureCategory[]): FailureRecord {
  return {
    formatVersion: 1, scenarioId: 's', seed, harnessId: 'h-parent', taskType: 'heat-then-place', termination: 'step-limit', steps: 30, primary: categories[0]!,
    categories: categories.map((category) => ({ category, count: 2, evidence: [{ step: 3, excerpt: `${category} at step 3` }] })), implicatedParts: [], targetSeen: false, targetHeld: false,
  };
}
const FAILURES = [...[0, 1, 2, 3].map((seed) => failure(seed, ['search-inefficiency'])), failure(4, ['loop']), failure(5, ['invalid-action'])];
const evolved = (): HarnessSpec => loadHarness('evolved-smollm2').spec;
const input = (overrides: Partial<ProposeInput> = {}): ProposeInput => ({ spec: evolved(), failures: FAILURES, solved: ['s#8', 's#9'], history: [], count: 3, ...overrides });

describe('compact-prompt lever', () => {
  it('applies to a numbered menu with a prompt builder that lists the actions, also when listActions is left to its default', () => {
    expect(compact.aim).toBe('cost');
    expect(compact.edits(spec({ part: 'chat-transcript', params: {} }), [])).toEqual([{ op: 'set-params', slot: 'promptBuilder', part: 'chat-transcript', params: { listActions: false } }]);
    expect(compact.edits(spec({ part: 'chat-prompt', params: { listActions: true } }), [])).toEqual([{ op: 'set-params', slot: 'promptBuilder', part: 'chat-prompt', params: { listActions: false } }]);
    expect(compact.edits(evolved(), [])).not.toBeNull();
  });

  it('does not apply when the actions are not listed, the selector is no numbered menu, or the menu thinks first', () => {
    expect(compact.edits(spec({ part: 'chat-transcript', params: { listActions: false } }), [])).toBeNull();
    expect(compact.edits(spec({ part: 'chat-prompt' }, { part: 'free-generation' }), [])).toBeNull();
    expect(compact.edits(spec({ part: 'chat-transcript' }, { part: 'grammar' }), [])).toBeNull();
    expect(compact.edits(spec({ part: 'chat-transcript' }, { part: 'numbered-menu', params: { thought: true } }), [])).toBeNull();
  });
});

describe('the promptLacks signature', () => {
  it('keeps old signatures valid and describes the new form', () => {
    expect(signatureSchema.safeParse({ promptContains: 'Rules:' }).success).toBe(true);
    expect(signatureSchema.safeParse({ promptContains: 'Rules:', promptLacks: '' }).success).toBe(false);
    expect(describeSignature(compact.signature)).toBe('prompt contains "Choose by number:" without "Valid actions:"');
  });

  it.each(['chat-transcript', 'chat-prompt'])('shows in a real run of the compacted %s harness and never in its parent', async (builder) => {
    const parent = spec({ part: builder, params: {} });
    const edits = compact.edits(parent, [])!;
    const candidate = harnessSpecSchema.parse({ ...parent, slots: { ...parent.slots, promptBuilder: { part: builder, params: { listActions: false } } } });
    expect(edits[0]).toMatchObject({ params: { listActions: false } });
    const replies = { replies: [], fallback: '1' };
    const [parentTrace, candidateTrace] = [await runScripted(parent, replies), await runScripted(candidate, replies)];
    expect(parentTrace.events.filter((event) => event.type === 'model-call').length).toBeGreaterThan(3);
    expect(showsSignature(parentTrace, compact.signature)).toBe(false);
    expect(showsSignature(candidateTrace, compact.signature)).toBe(true);
    // Same choices, so the same episode: only the prompt changed.
    const actions = (trace: typeof parentTrace) => trace.events.flatMap((event) => (event.type === 'action-apply' ? [event.action] : []));
    expect(actions(candidateTrace)).toEqual(actions(parentTrace));
  });
});

describe('proposeRules with cost levers', () => {
  it('with minCostCut, puts compact-prompt in the last slot after the success levers, with an honest manifest', () => {
    const proposals = proposeRules(input({ minCostCut: 0.1 }));
    expect(proposals).toHaveLength(3);
    expect(proposals.map((p) => p.manifest.levers).slice(0, 2).flat()).not.toContain('compact-prompt');
    const last = proposals.at(-1)!;
    expect(last.manifest.levers).toEqual(['compact-prompt']);
    expect(last.spec.slots.promptBuilder.params).toMatchObject({ listActions: false });
    expect(candidateManifestSchema.safeParse(last.manifest).success).toBe(true);
    expect(last.manifest.answers).toEqual([{ category: 'cost', count: 8, episodes: ['s#8', 's#9', 's#0', 's#1', 's#2', 's#3', 's#4', 's#5'] }]);
    expect(last.manifest.predicted).toEqual({ unlock: [], risk: ['s#8', 's#9'] });
    expect(last.manifest.rationale).toMatch(/a cost lever.*minCostCut decides it.*10% fewer tokens/);
  });

  it('without minCostCut (or with 0) never proposes it, and proposes exactly what it did before', () => {
    for (const count of [1, 3, 8]) {
      const before = proposeRules(input({ count }));
      expect(before.flatMap((p) => p.manifest.levers)).not.toContain('compact-prompt');
      expect(proposeRules(input({ count, minCostCut: 0 }))).toEqual(before);
    }
    expect(proposeRules(input({ failures: [] }))).toEqual([]);
  });

  it('lets the cost lever fill the round when the parent failed nothing, and not propose it again once tried', () => {
    const [only, ...rest] = proposeRules(input({ failures: [], minCostCut: 0.1 }));
    expect(only!.manifest.levers).toEqual(['compact-prompt']);
    expect(rest).toEqual([]);
    const history = [{ levers: ['compact-prompt'], behaviourId: only!.behaviourId, accepted: false }];
    expect(proposeRules(input({ failures: [], minCostCut: 0.1, history }))).toEqual([]);
    // Once tried, the last slot goes back to a success lever.
    const again = proposeRules(input({ minCostCut: 0.1, history }));
    expect(again).toHaveLength(3);
    expect(again.flatMap((p) => p.manifest.levers)).not.toContain('compact-prompt');
  });

  it('does not propose it where it does not apply', () => {
    const react = loadHarness('react-basic').spec;
    expect(proposeRules(input({ spec: react, minCostCut: 0.1 })).flatMap((p) => p.manifest.levers)).not.toContain('compact-prompt');
  });
});
