import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILT_IN_PARTS, builtInParts } from './all-parts.ts';
import { buildHarness } from './build-harness.ts';
import { definePart } from './define-part.ts';
import { createEpisodeRewriter } from './episode-rewrite.ts';
import { createPartRegistry } from './part-registry.ts';
import { eventsOf, runScripted, testSpec } from './testing/harness-test-kit.ts';

const SPEC = testSpec({ summarizers: [{ part: 'observation-text' }], control: [{ part: 'step-budget', params: { warnAt: 3 } }] });

/** A control part that traces its own episode-start and every step it serves, and asks for a rewrite once (when told to). */
const probe = definePart({
  kind: 'control', name: 'probe', description: 'test probe', mayChange: {},
  params: z.object({ rewriteAt: z.number().int().optional() }).strict(),
  create: ({ rewriteAt }) => ({ hooks: {
    'episode-start': ({ emit }) => emit({ type: 'control', part: 'probe', signal: 'start', detail: '' }),
    'step-start': ({ emit }) => emit({ type: 'control', part: 'probe', signal: 'step', detail: '' }),
    'after-action': ({ view, rewrite, emit }) => {
      if (view.step !== rewriteAt) return;
      const answer = rewrite([{ op: 'insert', slot: 'control', part: 'probe-added', params: {} }]);
      emit({ type: 'control', part: 'probe', signal: 'asked', detail: JSON.stringify(answer) });
    },
  } }),
});
const added = definePart({ ...probe, name: 'probe-added', params: z.object({}).strict(), create: () => ({ hooks: {
  'episode-start': ({ emit }) => emit({ type: 'control', part: 'probe-added', signal: 'start', detail: '' }),
  'step-start': ({ emit }) => emit({ type: 'control', part: 'probe-added', signal: 'step', detail: '' }),
} }) });
const registry = createPartRegistry([...BUILT_IN_PARTS, probe, added]);

describe('episode rewriter', () => {
  it('keeps the instances of unchanged parts, makes fresh ones for new or changed parts, and leaves the built harness alone', () => {
    const harness = buildHarness(SPEC, builtInParts);
    const rewriter = createEpisodeRewriter(harness);
    const parts = harness.instantiate();
    const answer = rewriter.request([{ op: 'insert', slot: 'control', part: 'loop-detection', params: {} }, { op: 'set-params', slot: 'control', part: 'step-budget', params: { warnAt: 5 } }]);
    expect(answer).toEqual({ accepted: true, harnessId: expect.stringMatching(/^h-/) });
    const taken = rewriter.take(parts)!;
    expect(taken.parts.hooked.map((part) => part.name)).toEqual(['observation-text', 'step-budget', 'loop-detection']);
    expect(taken.parts.hooked[0]!.instance).toBe(parts.hooked[0]!.instance);
    expect(taken.parts.selector.instance).toBe(parts.selector.instance);
    expect(taken.parts.promptBuilder.instance).toBe(parts.promptBuilder.instance);
    expect(taken.fresh.map((part) => part.name)).toEqual(['step-budget', 'loop-detection']);
    expect(rewriter.current.id).toBe(answer.accepted ? answer.harnessId : '');
    expect(rewriter.take(taken.parts)).toBeNull(); // nothing pending any more
    expect(harness.spec.slots.control).toEqual([{ part: 'step-budget', params: { warnAt: 3 } }]);
  });

  it('refuses edits that do not fit, saying why, and keeps nothing pending', () => {
    const harness = buildHarness(SPEC, builtInParts);
    const rewriter = createEpisodeRewriter(harness);
    expect(rewriter.request([{ op: 'remove', slot: 'control', part: 'search-once' }])).toEqual({ accepted: false, reason: expect.stringContaining("slot 'control' has no part 'search-once'") });
    expect(rewriter.request([{ op: 'insert', slot: 'control', part: 'no-such-part', params: {} }])).toEqual({ accepted: false, reason: expect.stringContaining("unknown part 'no-such-part'") });
    expect(rewriter.take(harness.instantiate())).toBeNull();
  });

  it('in an episode: applies the rewrite from the next step on, starts the new part with episode-start, keeps the old one running', async () => {
    const spec = testSpec({ control: [{ part: 'probe', params: { rewriteAt: 4 } }] });
    const trace = await runScripted(spec, [], { registry });
    const control = eventsOf(trace, 'control');
    const asked = control.find((event) => event.signal === 'asked')!;
    expect(asked.step).toBe(4);
    expect(JSON.parse(asked.detail)).toMatchObject({ accepted: true });
    const ofAdded = control.filter((event) => event.part === 'probe-added');
    expect(ofAdded[0]).toMatchObject({ signal: 'start', step: 4 });
    expect(ofAdded.slice(1).map((event) => event.step)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    // The probe itself was carried over: one episode-start, and it served every step.
    expect(control.filter((event) => event.part === 'probe' && event.signal === 'start')).toHaveLength(1);
    expect(control.filter((event) => event.part === 'probe' && event.signal === 'step')).toHaveLength(12);
  });
});
