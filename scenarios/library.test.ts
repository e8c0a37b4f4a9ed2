import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEnvWithPhysics } from '../sim/index.ts';
import { loadScenarioFile } from './format/load-scenario.ts';
import { formatIssue } from './format/scenario-issue.ts';
import { solveScenario } from './oracle/solve.ts';
import { scenarioJsonSchema } from './format/json-schema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const libraryFiles = fs.readdirSync(path.join(here, 'library')).filter((name) => name.endsWith('.json')).sort();
const TASK_TYPES = ['pick-and-place', 'pick-two-and-place', 'clean-then-place', 'heat-then-place', 'cool-then-place', 'look-at-in-light'];

describe('the hand-written scenario library', () => {
  it('has at least 20 scenarios covering the six ALFWorld task types and the hazards', () => {
    const tags = libraryFiles.flatMap((name) => {
      const loaded = loadScenarioFile(path.join(here, 'library', name));
      return loaded.ok ? loaded.world.tags ?? [] : [];
    });
    expect(libraryFiles.length).toBeGreaterThanOrEqual(20);
    for (const type of TASK_TYPES) expect(tags).toContain(`task:${type}`);
    expect(tags).toContain('hazard:blocked-door');
    expect(tags).toContain('hazard:closed-door');
  });

  it.each(libraryFiles)('%s loads, is solvable, and its oracle plan reaches the goal in both physics modes', (name) => {
    const loaded = loadScenarioFile(path.join(here, 'library', name));
    if (!loaded.ok) throw new Error(loaded.errors.map(formatIssue).join('\n'));
    expect(loaded.world.id).toBe(`household/${name.replace(/\.json$/, '')}-v1`);
    const result = solveScenario(loaded.world);
    expect(result.solvable).toBe(true);
    for (const mode of ['kinematic', 'matter'] as const) {
      const env = createEnvWithPhysics(mode);
      env.reset({ scenario: loaded.world, seed: 7 });
      let last;
      for (const action of result.plan) {
        last = env.step(action);
        expect(last.info.success, `${mode}: ${action} → ${last.feedback}`).toBe(true);
      }
      expect(last?.terminated).toBe(true);
      expect(last?.reward).toBe(1);
    }
  });
});

describe('scenarios/schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(here, 'schema.json'), 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
