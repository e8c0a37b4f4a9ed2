import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOT_MUG_PLAN, runScripted, testSpec } from '../../agent/harness/testing/harness-test-kit.ts';
import { traceToJsonl } from '../../agent/trace/trace-io.ts';
import { hearth } from '../testing/run-hearth.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-digest-'));
const failed = path.join(dir, 'closed-cabinet.jsonl');
const succeeded = path.join(dir, 'ok.jsonl');
const broken = path.join(dir, 'broken.jsonl');
const stalled = path.join(dir, 'stalled-mid-task.jsonl');
const MID_TASK_EXAMPLE = fileURLToPath(new URL('../../agent/harness/examples/react-basic-mid-task.json', import.meta.url));

beforeAll(async () => {
  fs.writeFileSync(failed, traceToJsonl(await runScripted(testSpec(), ['go to cabinet 1', 'take mug 1 from cabinet 1', 'go to fridge 1'])));
  const ok = traceToJsonl(await runScripted(testSpec(), HOT_MUG_PLAN));
  fs.writeFileSync(succeeded, ok);
  // A good header and first event, then a line that is not JSON.
  fs.writeFileSync(broken, ok.split('\n').slice(0, 2).join('\n') + '\n{"type": "step-start",\n');
  // The example harness with mid-task rewriting, and a model that only ever looks: it stalls, so the part fires.
  fs.writeFileSync(stalled, traceToJsonl(await runScripted(JSON.parse(fs.readFileSync(MID_TASK_EXAMPLE, 'utf8')), [])));
});

afterEach(() => vi.restoreAllMocks());

describe('hearth trace digest', () => {
  it('prints the failure table and a line per failed episode', async () => {
    const run = await hearth('trace', 'digest', failed, succeeded);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('1 of 2 episodes failed');
    expect(run.out).toMatch(/^precondition +1 +1$/m);
    expect(run.out).toMatch(/test\/two-room-house 3: precondition \(loop, search-inefficiency\)( \[[a-z, -]+\])? — take mug 1 from cabinet 1 → container-closed:/);
  });

  it('prints JSON with --json', async () => {
    const run = await hearth('trace', 'digest', failed, '--json');
    expect(run.code).toBe(0);
    const digest = JSON.parse(run.out) as { episodes: number; failures: number; records: { primary: string; categories: { category: string; reasons?: Record<string, number> }[] }[] };
    expect(digest).toMatchObject({ episodes: 1, failures: 1 });
    expect(digest.records[0]?.primary).toBe('precondition');
    expect(digest.records[0]?.categories[0]?.reasons).toEqual({ 'container-closed': 1 });
  });

  it('reports a broken or missing file with its line, digests the others and exits 1', async () => {
    const missing = path.join(dir, 'missing.jsonl');
    const run = await hearth('trace', 'digest', broken, failed, missing);
    expect(run.err).toContain(`error: ${broken}: line 3: not JSON`);
    expect(run.err).toContain(`error: cannot read ${missing}: ENOENT`);
    expect(run.out).toContain('1 of 1 episodes failed');
    expect(run.code).toBe(1);
  });

  it('still shows a single trace', async () => {
    const run = await hearth('trace', 'show', succeeded);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toContain('test/two-room-house (seed 3)');
    const bad = await hearth('trace', 'show', broken);
    expect(bad.err).toContain('line 3:');
    expect(bad.code).toBe(1);
  });

  it('shows what is readable of a trace cut mid-line (a crashed run), then says it is truncated', async () => {
    const ok = fs.readFileSync(succeeded, 'utf8');
    const full = await hearth('trace', 'show', succeeded);
    const lines = ok.split('\n');
    const cut = path.join(dir, 'cut-mid-line.jsonl');
    fs.writeFileSync(cut, `${lines.slice(0, 6).join('\n')}\n${lines[6]!.slice(0, 20)}`);
    const run = await hearth('trace', 'show', cut);
    expect(run.code).toBe(1);
    expect(run.out).toContain('test/two-room-house (seed 3)');
    expect(run.out.split('\n').length).toBeGreaterThan(1);
    expect(full.out.startsWith(run.out)).toBe(true);
    expect(run.err).toMatch(/line 7: not JSON .*; the trace is truncated there \(5 event\(s\) shown/);
  });

  it('warns when a trace cut at a line boundary has no episode-end', async () => {
    const lines = fs.readFileSync(succeeded, 'utf8').split('\n');
    const cut = path.join(dir, 'cut-at-line.jsonl');
    fs.writeFileSync(cut, `${lines.slice(0, 6).join('\n')}\n`);
    const run = await hearth('trace', 'show', cut);
    expect(run.code).toBe(0);
    expect(run.out).toContain('test/two-room-house (seed 3)');
    expect(run.err).toMatch(/warning: .*cut-at-line\.jsonl: the trace is truncated: it has no episode-end event \(5 event\(s\) shown/);
  });
});

describe('hearth trace rewrites', () => {
  it('counts the mid-episode rewrites of the example harness on a stalling episode, and none on a harness without the part', async () => {
    const run = await hearth('trace', 'rewrites', stalled, succeeded, '--json');
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.out) as { episodes: number; withPart: number; episodesWithRewrite: number; rewrites: number; byTrigger: Record<string, unknown>; withRewrite: { episodes: number; successes: number } };
    expect(stats).toMatchObject({ episodes: 2, withPart: 1, episodesWithRewrite: 1 });
    expect(stats.rewrites).toBeGreaterThanOrEqual(1);
    expect(Object.keys(stats.byTrigger).length).toBeGreaterThan(0);
    expect(stats.withRewrite).toMatchObject({ episodes: 1, successes: 0 });
    const text = await hearth('trace', 'rewrites', stalled);
    expect(text.code).toBe(0);
    expect(text.out.length).toBeGreaterThan(0);
  });
});
