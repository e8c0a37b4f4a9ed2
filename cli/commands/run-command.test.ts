import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hearth } from '../testing/run-hearth.ts';

const SCENARIO = 'scenarios/library/pick-apple-countertop.json';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-run-'));

function script(name: string, replies: string[]): string {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ replies, fallback: 'look' }));
  return `scripted:${file}`;
}

afterEach(() => vi.restoreAllMocks());

describe('hearth run and hearth trace show', () => {
  it('shows a successful episode live, writes its trace and exits 0', async () => {
    // The apple is on dining table 1 in this scenario.
    const replies = ['go to diningtable 1', 'take apple 1 from diningtable 1', 'go to countertop 1', 'put apple 1 in/on countertop 1'];
    const traceFile = path.join(dir, 'ok.jsonl');
    const run = await hearth('run', SCENARIO, '--model', script('ok', replies), '--harness', 'react-basic', '--trace', traceFile);
    expect(run.err).toBe('');
    expect(run.out).toContain('  1. go to');
    expect(run.out).toMatch(/SUCCESS after \d+ steps \(success\)/);
    expect(run.code).toBe(0);
    const shown = await hearth('trace', 'show', traceFile);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('harness react-basic');
    expect(shown.out).toMatch(/SUCCESS after/);
  });

  it('exits 1 when the episode fails, and 2 for an unknown harness', async () => {
    const failed = await hearth('run', SCENARIO, '--model', script('idle', []), '--harness', 'minimal');
    expect(failed.out).toContain('FAILED after');
    expect(failed.code).toBe(1);
    const unknown = await hearth('run', SCENARIO, '--model', script('idle2', []), '--harness', 'react-basc');
    expect(unknown.err).toMatch(/unknown harness 'react-basc' — did you mean 'react-basic'/);
    expect(unknown.code).toBe(2);
  });

  it('trace show names the line of a bad event', async () => {
    const traceFile = path.join(dir, 'bad.jsonl');
    await hearth('run', SCENARIO, '--model', script('bad', []), '--harness', 'minimal', '--trace', traceFile);
    const lines = fs.readFileSync(traceFile, 'utf8').split('\n');
    lines[2] = '{"type":"action-apply"}';
    fs.writeFileSync(traceFile, lines.join('\n'));
    const shown = await hearth('trace', 'show', traceFile);
    expect(shown.err).toMatch(/bad\.jsonl: line 3: bad event/);
    expect(shown.code).toBe(1);
  });
});
