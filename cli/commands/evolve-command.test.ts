import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hearth } from '../testing/run-hearth.ts';
import { fileLines as lines, spawnHearth } from '../testing/spawn-hearth.ts';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-evolve-cli-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

// The null chooser (`random:3`) keeps these runs fast and exactly repeatable; the real model's run is in agent/evolve.
const ARGS = ['--model', 'random:3', '--from', 'react-basic', '--train', '12', '--rounds', '3', '--candidates', '3', '--judge-splits', 'test-unseen,test-seen', '--judge-limit', '18'];
/** One evolution in a child process, killed once its episode log has `killAfterLines` lines (null: never). */
const runChild = (out: string, killAfterLines: number | null) =>
  spawnHearth(['evolve', ...ARGS, '--out', out], killAfterLines === null ? undefined : { file: path.join(out, 'episodes.jsonl'), lines: killAfterLines });

/** What must not depend on being interrupted: the lineage and the judged counts. */
function outcomeOf(out: string): unknown {
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  return { lineage: summary.lineage, judged: summary.judgement.map((split: { rows: { label: string; chooser: string; successes: number; meanSteps: number }[] }) => split.rows.map((r) => [r.label, r.chooser, r.successes, r.meanSteps])) };
}

describe('hearth evolve', () => {
  it('refuses bad options with what is allowed', async () => {
    const preset = await hearth('evolve', '--preset', 'huge', '--model', 'random');
    expect(preset.code).toBe(2);
    expect(preset.err).toContain('--preset must be one of quick, headline');
    const split = await hearth('evolve', '--model', 'random', '--judge-splits', 'train');
    expect(split.code).toBe(2);
    expect(split.err).toContain("'train' is not a held-out split");
  });

  it('continues a run killed with SIGKILL: no episode lost beyond those in flight, none run twice, same outcome', async () => {
    const straight = path.join(temporary, 'straight');
    const whole = await runChild(straight, null);
    expect(whole.code, whole.stderr).toBe(0);
    const killed = path.join(temporary, 'killed');
    const first = await runChild(killed, 60);
    expect(first.signal).toBe('SIGKILL');
    const before = lines(path.join(killed, 'episodes.jsonl')).length;
    expect(before).toBeGreaterThanOrEqual(60);
    expect(fs.existsSync(path.join(killed, 'summary.json'))).toBe(false);
    const rest = await runChild(killed, null);
    expect(rest.code, rest.stderr).toBe(0);
    const keys = lines(path.join(killed, 'episodes.jsonl')).map((line) => JSON.parse(line).key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(lines(path.join(straight, 'episodes.jsonl')).length);
    expect(outcomeOf(killed)).toEqual(outcomeOf(straight));
  }, 600_000);

  it('refuses to continue a folder with a different configuration, saying what differs', async () => {
    const out = path.join(temporary, 'straight');
    const changed = await hearth('evolve', ...ARGS.map((arg) => (arg === '12' ? '6' : arg)), '--out', out);
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/holds a different evolution run; differs in train: \{"limit":12\} → \{"limit":6\}/);
  });
});
