import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDefaultModel } from '../../test-support/real-model.ts';
import { openEpisodeLog } from '../bench/episode-log.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import type { EvolveConfig } from './evolve-config.ts';
import { runEvolution, type EvolveOutcome } from './evolve-run.ts';
import { lineageSchema, versionRecordSchema } from './version-record.ts';

// A small real evolution with the default model: 3 train scenarios, 1 round of 3 candidates,
// judged on 2 held-out scenarios. It claims a complete, valid lineage — not a particular score.
describe('a small evolution with the real default model (SmolLM2-135M)', () => {
  let model: ModelBackend;
  let out: string;
  let outcome: EvolveOutcome;
  beforeAll(async () => {
    model = await openDefaultModel();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-evolve-real-'));
    const config: EvolveConfig = {
      formatVersion: 1, model: 'smollm2-135m', suite: 'household-v1', from: 'minimal', start: loadHarness('minimal').spec,
      train: { limit: 3 }, seeds: [0], rounds: 1, candidates: 3, proposer: 'rules', gate: { alpha: 0.1, minGain: 0.05, maxRegressions: 1 },
      judge: { splits: ['test-unseen'], limit: 2, nullChooser: true }, physics: 'kinematic', budgetMinutes: 0,
    };
    outcome = await runEvolution({ config, out, model });
  }, 900_000);
  afterAll(async () => {
    await model?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('ends with a lineage that validates and names files that exist', () => {
    const lineage = lineageSchema.parse(JSON.parse(fs.readFileSync(path.join(out, 'lineage.json'), 'utf8')));
    expect(lineage.rounds).toHaveLength(1);
    expect(lineage.rounds[0]!.candidates.length).toBeGreaterThan(0);
    for (const entry of [...lineage.versions, ...lineage.rounds[0]!.candidates]) {
      const record = versionRecordSchema.parse(JSON.parse(fs.readFileSync(path.join(out, entry.file), 'utf8')));
      expect(record.behaviourId).toBe(entry.behaviourId);
    }
    expect(lineage.versions.map((version) => version.id)).toContain(lineage.best);
  });

  it('gates every candidate on the parent’s episodes with the real model’s traces', () => {
    const log = openEpisodeLog(out);
    for (const candidate of outcome.lineage.rounds[0]!.candidates) {
      const record = versionRecordSchema.parse(JSON.parse(fs.readFileSync(path.join(out, candidate.file), 'utf8')));
      expect(record.results).toHaveLength(3);
      expect((record.gate as { checks: unknown[] }).checks.length).toBeGreaterThanOrEqual(4);
      expect(candidate.reason).toBe(candidate.accepted ? 'accepted' : (record.gate as { reason: string }).reason);
    }
    expect(log.size()).toBeGreaterThanOrEqual(3 * (1 + outcome.lineage.rounds[0]!.candidates.length));
  });

  it('judges start and best on held-out scenarios with the model and the null chooser', () => {
    const [split] = outcome.judgement;
    expect(split!.split).toBe('test-unseen');
    expect(split!.rows.map((row) => row.chooser)).toEqual(['model', 'model', 'null', 'null']);
    for (const row of split!.rows) expect(row.episodes).toBe(2);
    expect(split!.rows[0]!.tokensPerEpisode).toBeGreaterThan(0);
    expect(split!.rows[2]!.tokensPerEpisode).toBe(0);
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('Held-out judgement');
  });
});
