import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hearth } from '../testing/run-hearth.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-scenarios-'));

afterEach(() => vi.restoreAllMocks());

describe('hearth scenarios generate, list --suite, export-pddl', () => {
  it('generates one split of household-v1 as files that match the frozen manifest, and lists it', async () => {
    const out = path.join(dir, 'suite');
    const run = await hearth('scenarios', 'generate', '--suite', 'household-v1', '--split', 'test-unseen', '--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toContain('every file matches the frozen household-v1 manifest');
    expect(fs.readdirSync(path.join(out, 'test-unseen'))).toHaveLength(60);
    const listed = await hearth('scenarios', 'list', '--suite', 'household-v1', '--split', 'test-unseen');
    expect(listed.out).toMatch(/60 member\(s\) of household-v1 .*train 120, test-seen 60, test-unseen 60/);
    const files = await hearth('scenarios', 'list', out);
    expect(files.out).toMatch(/\n60 scenario\(s\)$/);
  });

  it('says what is wrong with a bad suite, split or seed, and exits 1', async () => {
    expect((await hearth('scenarios', 'generate', '--suite', 'household-v9', '--out', dir)).err).toMatch(/unknown suite 'household-v9'; known suites: household-v1/);
    expect((await hearth('scenarios', 'generate', '--suite', 'household-v1', '--split', 'dev', '--out', dir)).err).toMatch(/unknown split 'dev'; splits: train, test-seen, test-unseen/);
    const seed = await hearth('scenarios', 'generate', '--suite', 'household-v1', '--seed', '-3', '--out', dir);
    expect(seed.code).toBe(1);
    expect(seed.err).toMatch(/--seed must be a whole number/);
  });

  it('exports PDDL, and fails cleanly (no hang) when the output folder cannot be made', async () => {
    const out = path.join(dir, 'pddl');
    const ok = await hearth('scenarios', 'export-pddl', 'scenarios/library/heat-mug-kitchen.json', '--out', out);
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'domain.pddl'), 'utf8')).toContain('(:requirements :strips :typing)');
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const bad = await hearth('scenarios', 'export-pddl', 'scenarios/library/heat-mug-kitchen.json', '--out', path.join(blocker, 'sub'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/cannot write to .*a-file\/sub: ENOTDIR/);
  });
});
