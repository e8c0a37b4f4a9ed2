import { beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeResult } from '../bench/episode-log.ts';
import { runScripted, testHouse, testSpec } from '../harness/testing/harness-test-kit.ts';
import type { Trace, TraceEvent, TraceHeader } from '../trace/trace-events.ts';
import type { CandidateManifest } from './candidate-manifest.ts';
import { gate } from './gate.ts';

let header: TraceHeader;
beforeAll(async () => {
  header = (await runScripted(testSpec(), [], { scenario: testHouse(1) })).header;
});

const SHORTLIST_SIGNATURE = { event: 'control', part: 'subgoal-shortlist', signal: 'shortlist' } as const;

const manifest: CandidateManifest = {
  formatVersion: 1,
  proposer: 'test',
  levers: ['shortlist'],
  edits: [{ op: 'insert', slot: 'control', part: 'subgoal-shortlist', params: {} }],
  answers: [{ category: 'search-inefficiency', count: 8, episodes: ['s#0'] }],
  predicted: { unlock: ['s#0'], risk: [] },
  signatures: [SHORTLIST_SIGNATURE],
  rationale: 'offer only the actions serving the current stage',
};

/** Results for episodes `s#0` … `s#(n-1)`; those in `solved` succeeded; each spent `tokens`. */
function results(who: 'parent' | 'candidate', n: number, solved: readonly number[], tokens = 0): EpisodeResult[] {
  return Array.from({ length: n }, (_, seed) => ({
    formatVersion: 1 as const,
    key: `b-${who}|random|null|s|${seed}|kinematic`,
    behaviourId: `b-${who}`,
    harnessId: `h-${who}`,
    model: 'random',
    chooser: 'null' as const,
    scenarioId: 's',
    seed,
    success: solved.includes(seed),
    steps: 10,
    termination: solved.includes(seed) ? 'success' : 'step-limit',
    tokens,
    modelCalls: 0,
    seconds: 0.1,
    traceFile: `traces/b-${who}/s__s${seed}.jsonl`,
  }));
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

function trace(events: TraceEvent[]): Trace {
  return { header, events };
}
const withShortlist = (): Trace => trace([{ type: 'control', step: 1, part: 'subgoal-shortlist', signal: 'shortlist', detail: 'search: 13 of 18' }]);
const withoutShortlist = (): Trace => trace([{ type: 'control', step: 1, part: 'loop-detection', signal: 'replace', detail: 'look → go to sofa 1' }]);

describe('gate', () => {
  it('accepts a candidate that goes from 0 to 6 of 8 with its signature in its traces', () => {
    const verdict = gate({ manifest, buildError: null, parent: results('parent', 8, []), candidate: results('candidate', 8, range(0, 6)), candidateTraces: [withoutShortlist(), withShortlist()] });
    expect(verdict.accepted).toBe(true);
    expect(verdict.reason).toBe('accepted');
    expect(verdict.checks.map((check) => [check.name, check.ok])).toEqual([['manifest', true], ['builds', true], ['signature', true], ['improves', true], ['seesaw', true]]);
    expect(verdict.paired).toMatchObject({ gained: 6, lost: 0, parentSuccesses: 0, candidateSuccesses: 6, episodes: 8 });
    expect(verdict.paired.pOneSided).toBeCloseTo(1 / 64, 10);
  });

  it('rejects a candidate whose signature never appears, however well it scores', () => {
    const verdict = gate({ manifest, buildError: null, parent: results('parent', 8, []), candidate: results('candidate', 8, range(0, 8)), candidateTraces: [withoutShortlist(), withoutShortlist()] });
    expect(verdict.accepted).toBe(false);
    expect(verdict.reason.startsWith('signature')).toBe(true);
    expect(verdict.reason).toContain('control by subgoal-shortlist (shortlist)');
    expect(verdict.checks.find((check) => check.name === 'improves')?.ok).toBe(true);
  });

  it('does not count a control event of the right part with another signal as the signature', () => {
    const fallbackOnly = trace([{ type: 'control', step: 3, part: 'subgoal-shortlist', signal: 'shortlist-fallback', detail: '…' }]);
    const verdict = gate({ manifest, buildError: null, parent: results('parent', 8, []), candidate: results('candidate', 8, range(0, 6)), candidateTraces: [fallbackOnly] });
    expect(verdict.reason.startsWith('signature')).toBe(true);
  });

  it('rejects a seesaw: more successes in total, but more solved episodes lost than maxRegressions', () => {
    // Parent solves 0, 1; the candidate loses both and gains 2 … 11 (10 gained, 2 lost, p ≈ 0.019).
    const verdict = gate({ manifest, buildError: null, parent: results('parent', 12, [0, 1]), candidate: results('candidate', 12, range(2, 12)), candidateTraces: [withShortlist()] }, { maxRegressions: 1 });
    expect(verdict.paired).toMatchObject({ gained: 10, lost: 2, parentSuccesses: 2, candidateSuccesses: 10 });
    expect(verdict.checks.find((check) => check.name === 'improves')?.ok).toBe(true);
    expect(verdict.accepted).toBe(false);
    expect(verdict.reason.startsWith('seesaw')).toBe(true);
    // The same outcome passes when two regressions are allowed.
    expect(gate({ manifest, buildError: null, parent: results('parent', 12, [0, 1]), candidate: results('candidate', 12, range(2, 12)), candidateTraces: [withShortlist()] }, { maxRegressions: 2 }).accepted).toBe(true);
  });

  it('rejects a gain that is not significant (0 → 2 of 8: p = 0.25 > alpha)', () => {
    const verdict = gate({ manifest, buildError: null, parent: results('parent', 8, []), candidate: results('candidate', 8, [0, 1]), candidateTraces: [withShortlist()] });
    expect(verdict.accepted).toBe(false);
    expect(verdict.reason.startsWith('improves')).toBe(true);
    expect(verdict.paired.pOneSided).toBeCloseTo(0.25, 10);
    expect(gate({ manifest, buildError: null, parent: results('parent', 8, []), candidate: results('candidate', 8, [0, 1]), candidateTraces: [withShortlist()] }, { alpha: 0.3 }).accepted).toBe(true);
  });

  it('rejects an incomplete manifest first', () => {
    const { signatures: _dropped, ...incomplete } = manifest;
    const verdict = gate({ manifest: incomplete, buildError: null, parent: results('parent', 8, []), candidate: results('candidate', 8, range(0, 6)), candidateTraces: [withShortlist()] });
    expect(verdict.accepted).toBe(false);
    expect(verdict.reason.startsWith('manifest')).toBe(true);
    expect(verdict.reason).toContain('signatures');
    expect(verdict.checks.some((check) => check.name === 'signature')).toBe(false);
  });

  it('rejects a candidate that did not build, naming the build error', () => {
    const verdict = gate({ manifest, buildError: "slots.control[0]: unknown part 'subgoal-shortlst'", parent: results('parent', 8, []), candidate: [], candidateTraces: [] });
    expect(verdict.accepted).toBe(false);
    expect(verdict.reason).toBe("builds: slots.control[0]: unknown part 'subgoal-shortlst'");
    expect(verdict.paired.episodes).toBe(0);
  });

  it('with minCostCut, passes an equal-success candidate that spends enough fewer tokens, and only then', () => {
    const run = (candidateSolved: number[], candidateTokens: number, options = { minCostCut: 0.25 }) =>
      gate({ manifest, buildError: null, parent: results('parent', 8, [0, 1, 2], 4000), candidate: results('candidate', 8, candidateSolved, candidateTokens), candidateTraces: [withShortlist()] }, options);
    const cheaper = run([0, 1, 2], 2000);
    expect(cheaper.accepted).toBe(true);
    expect(cheaper.checks.find((check) => check.name === 'improves')?.detail).toContain('tokens/episode 4000 → 2000 (same success for 50% fewer');
    expect(cheaper.paired).toMatchObject({ parentTokens: 4000, candidateTokens: 2000 });
    // Not cheap enough; cheaper but worse; cheaper with the criterion off (the default); nothing solved by either.
    expect(run([0, 1, 2], 3200).reason.startsWith('improves')).toBe(true);
    expect(run([0, 1], 1000).reason.startsWith('improves')).toBe(true);
    expect(run([0, 1, 2], 2000, { minCostCut: 0 }).accepted).toBe(false);
    expect(gate({ manifest, buildError: null, parent: results('parent', 8, [], 4000), candidate: results('candidate', 8, [], 100), candidateTraces: [withShortlist()] }, { minCostCut: 0.25 }).accepted).toBe(false);
    // Equal success that swaps one solved episode for another still passes the seesaw check (one regression allowed).
    expect(run([0, 1, 3], 2000).accepted).toBe(true);
  });

  it('throws when the candidate lacks an episode the parent ran', () => {
    const candidate = results('candidate', 8, range(0, 6)).filter((result) => result.seed !== 5);
    expect(() => gate({ manifest, buildError: null, parent: results('parent', 8, []), candidate, candidateTraces: [withShortlist()] })).toThrow(/no episode for s#5/);
  });
});
