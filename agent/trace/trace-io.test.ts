import { describe, expect, it } from 'vitest';
import { HOT_MUG_PLAN, runScripted, testSpec } from '../harness/testing/harness-test-kit.ts';
import { parseTraceJsonl, traceFingerprint, traceToJsonl, TraceFormatError } from './trace-io.ts';

const trace = await runScripted(testSpec({ decomposer: { part: 'goal-tree' }, validators: [{ part: 'admissible', params: { mode: 'retry' } }] }), ['fly away', ...HOT_MUG_PLAN]);

describe('trace JSONL', () => {
  it('round-trips a trace with every kind of event through JSONL', () => {
    const types = new Set(trace.events.map((event) => event.type));
    expect([...types]).toEqual(expect.arrayContaining(['episode-start', 'step-start', 'model-call', 'action-select', 'action-reject', 'action-apply', 'subgoal-start', 'subgoal-end', 'episode-end']));
    expect(parseTraceJsonl(traceToJsonl(trace))).toEqual(JSON.parse(JSON.stringify(trace)));
  });

  it('writes one JSON value per line, the header first', () => {
    const lines = traceToJsonl(trace).trimEnd().split('\n');
    expect(lines).toHaveLength(trace.events.length + 1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'header', formatVersion: 1 });
  });

  it.each([
    ['a line that is not JSON', 3, '{"type":', /line 3: not JSON/],
    ['an event with a wrong field', 4, '{"type":"action-apply","step":"two"}', /line 4: bad event: step/],
    ['an unknown event type', 2, '{"type":"teleport","step":1}', /line 2: bad event/],
    ['a bad header', 1, '{"type":"header","formatVersion":9}', /line 1: bad header/],
  ])('rejects %s with its line number', (_what, line, text, message) => {
    const lines = traceToJsonl(trace).split('\n');
    lines[line - 1] = text;
    expect(() => parseTraceJsonl(lines.join('\n'))).toThrow(message);
    expect(() => parseTraceJsonl(lines.join('\n'))).toThrow(TraceFormatError);
  });

  it('rejects an empty file', () => {
    expect(() => parseTraceJsonl('\n')).toThrow(/empty/);
  });

  it('leaves timings out of the fingerprint, and nothing else', () => {
    const copy = structuredClone(trace);
    const call = copy.events.find((event) => event.type === 'model-call')!;
    if (call.type !== 'model-call') throw new Error('unreachable');
    call.timings = { promptMs: 123, generateMs: 456, totalMs: 579 };
    expect(traceFingerprint(copy)).toBe(traceFingerprint(trace));
    call.output = 'something else';
    expect(traceFingerprint(copy)).not.toBe(traceFingerprint(trace));
  });
});
