import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEvolution } from '../../agent/evolve/evolve-run.ts';
import type { Lineage } from '../../agent/evolve/version-record.ts';
import { loadHarness } from '../../agent/harness/presets/load-harness.ts';
import { createNullChooser } from '../../agent/models/null-chooser.ts';
import { hearth } from '../testing/run-hearth.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-harness-'));
const dir = path.join(root, 'run');
let lineage: Lineage;

// One small real run (null chooser, no model): a few seconds, shared by every test.
beforeAll(async () => {
  const start = loadHarness('react-basic').spec;
  ({ lineage } = await runEvolution({
    out: dir, model: createNullChooser(7),
    config: { formatVersion: 1, model: 'random:7', suite: 'household-v1', from: 'react-basic', start, train: { limit: 6 }, seeds: [0], rounds: 2, candidates: 3, proposer: 'rules', gate: { alpha: 0.1, minGain: 0.05, maxRegressions: 1 }, judge: { splits: ['test-unseen'], limit: 6, nullChooser: true }, physics: 'kinematic', budgetMinutes: 0 },
  }));
});

afterEach(() => vi.restoreAllMocks());
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const best = () => lineage.versions.find((version) => version.id === lineage.best)!;

describe('hearth harness log', () => {
  it('prints the start, each round with its candidates and verdicts, hit rates, why it stopped and the best', async () => {
    const run = await hearth('harness', 'log', dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`start ${lineage.start}`);
    const first = lineage.rounds[0]!;
    expect(run.out).toContain(`round 1 · parent ${first.parent}`);
    for (const candidate of first.candidates) {
      expect(run.out).toMatch(new RegExp(`^  (passed  |rejected) ${candidate.behaviourId}  ${candidate.levers.join(' \\+ ')} +batch \\d+/6 `, 'm'));
    }
    expect(run.out).toMatch(/^  → (accepted b-\w+ \(\+[\w-]+\) as version h-\w+|none accepted; h-\w+ stays the parent)$/m);
    expect(run.out).toContain('lever hit rates (accepted/tried): ');
    expect(run.out).toContain(`stopped: ${lineage.stopped}`);
    expect(run.out).toContain(`best: ${lineage.best}`);
  });

  it('explains how to make a run folder when the folder is not one', async () => {
    const run = await hearth('harness', 'log', root);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`error: ${root} is not an evolution run folder: no lineage.json — run hearth evolve --out ${root} first`);
  });

  it('names the file and JSON path of a schema problem', async () => {
    const broken = path.join(root, 'broken');
    fs.cpSync(dir, broken, { recursive: true });
    const file = path.join(broken, 'lineage.json');
    fs.writeFileSync(file, JSON.stringify({ ...lineage, rounds: [{ ...lineage.rounds[0], parent: 7 }] }));
    const run = await hearth('harness', 'log', broken);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not match its schema: rounds\\.0\\.parent: `));
    expect(run.err).not.toContain('    at ');
  });
});

describe('hearth harness show', () => {
  it('shows a version with ids, parents, slots, manifest and gate checks, by behaviour-id prefix', async () => {
    expect(lineage.versions.length).toBeGreaterThan(1);
    const version = best();
    const run = await hearth('harness', 'show', version.behaviourId.slice(0, 7), '--dir', dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`content id    ${version.id}`);
    expect(run.out).toContain(`behaviour id  ${version.behaviourId}`);
    expect(run.out).toContain(`kind          version, round ${version.round}`);
    expect(run.out).toContain(`parents       ${version.parent}`);
    expect(run.out).toMatch(/^  selector +free-generation thought=true maxTokens=48$/m);
    expect(run.out).toContain(`  levers        ${version.levers.join(', ')}`);
    expect(run.out).toMatch(/^  rationale +\S/m);
    expect(run.out).toMatch(/^  signatures +\S/m);
    expect(run.out).toContain('gate: accepted');
    expect(run.out).toMatch(/^  ok +improves +\d+ → \d+ of 6/m);
  });

  it('shows a rejected candidate by content id with the failed check, and the record as JSON', async () => {
    const rejected = lineage.rounds.flatMap((round) => round.candidates).find((candidate) => !candidate.accepted);
    expect(rejected).toBeDefined();
    const record = JSON.parse(fs.readFileSync(path.join(dir, rejected!.file), 'utf8')) as { id: string };
    const run = await hearth('harness', 'show', record.id, '--dir', dir);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`gate: rejected — ${rejected!.reason}`);
    expect(run.out).toMatch(/^  FAIL  /m);
    const json = await hearth('harness', 'show', record.id, '--dir', dir, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ id: record.id, kind: 'candidate', accepted: false });
  });

  it('shows a preset without a run folder', async () => {
    const run = await hearth('harness', 'show', 'react-basic');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`content id    ${loadHarness('react-basic').id}`);
    expect(run.out).toMatch(/^  validators +admissible mode="repair"$/m);
  });

  it('lists the known ids for an unknown id, and the matches for an ambiguous prefix', async () => {
    const run = await hearth('harness', 'show', 'h-000000', '--dir', dir);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`error: no version or candidate 'h-000000' in ${dir}; known ids:`);
    for (const version of lineage.versions) expect(run.err).toContain(`  ${version.id}  ${version.behaviourId}  (`);
    const ambiguous = await hearth('harness', 'show', 'h-', '--dir', dir);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain("error: 'h-' is ambiguous");
    const noDir = await hearth('harness', 'show', lineage.best);
    expect(noDir.code).toBe(2);
    expect(noDir.err).toContain('pass --dir <run folder>');
  });
});

describe('hearth harness diff', () => {
  it('prints what changed from the start to the best version, with the evidence for each step', async () => {
    const run = await hearth('harness', 'diff', lineage.start, lineage.best, '--dir', dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`A ${lineage.start} react-basic (start)`);
    expect(run.out).toMatch(/^  control: \+ [\w-]+/m);
    const steps = lineage.versions.filter((version) => version.parent !== null);
    expect(run.out).toContain(`evidence (${steps.length} step(s) from A to B)`);
    for (const step of steps) expect(run.out).toContain(`  round ${step.round} · ${step.id} (${step.behaviourId}) +${step.levers.join(' +')} from ${step.parent}`);
    expect(run.out).toMatch(/^    answers +[\w-]+ ×\d/m);
    expect(run.out).toMatch(/^    gate +accepted; paired \d+ → \d+ of 6 episodes \(\+\d+ −\d+, one-sided exact McNemar p = [\d.]+\)$/m);
    expect(run.out).toMatch(/^    failures +household-v1\/train-/m);
  });

  it('prints changes and evidence as JSON', async () => {
    const run = await hearth('harness', 'diff', lineage.start, lineage.best, '--dir', dir, '--json');
    const diff = JSON.parse(run.out) as { changes: { kind: string }[]; evidence: { id: string; edits: unknown[]; gate: { accepted: boolean } }[] };
    expect(diff.changes.some((change) => change.kind === 'part-added')).toBe(true);
    expect(diff.evidence.at(-1)).toMatchObject({ id: lineage.best, gate: { accepted: true } });
    expect(diff.evidence.every((step) => step.edits.length > 0)).toBe(true);
  });

  it('compares a preset with a version (no evidence) and says when nothing differs', async () => {
    const run = await hearth('harness', 'diff', 'react-basic', lineage.best, '--dir', dir);
    expect(run.code).toBe(0);
    expect(run.out).toContain('A h-');
    expect(run.out).not.toContain('evidence');
    const same = await hearth('harness', 'diff', 'minimal', 'minimal');
    expect(same.out).toContain('no changes: the same parts, parameters and texts');
  });
});
