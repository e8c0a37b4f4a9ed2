/**
 * The model proposer with the real SmolLM2-135M (llama.cpp, 1 thread): constrained by the answer's
 * JSON Schema, every answer parses as JSON and matches the schema — whether its edits make sense
 * is not claimed (that is the gate's business). Also measures the prompt's real token count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDefaultModel } from '../../test-support/real-model.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import type { GenerateResult, ModelBackend } from '../models/model-backend.ts';
import type { FailureCategory, FailureRecord } from './digest.ts';
import { modelAnswerSchema } from './model-answer.ts';
import { createModelProposer } from './propose-model.ts';
import type { ProposalAttempt } from './proposers.ts';

const failure = (seed: number, category: FailureCategory, excerpt: string): FailureRecord => ({
  formatVersion: 1, scenarioId: `household-v1/train-${seed}`, seed: 0, harnessId: 'h-parent', taskType: 'pick-and-place', termination: 'step-limit', steps: 30, primary: category,
  categories: [{ category, count: 3, evidence: [{ step: 7, excerpt }] }], implicatedParts: [], targetSeen: true, targetHeld: false,
});
const FAILURES = [
  failure(1, 'search-inefficiency', 'go to cabinet 2 → "You arrive at cabinet 2. It is empty." (third visit)'),
  failure(2, 'search-inefficiency', 'go to drawer 1 → "You arrive at drawer 1. It is closed." (second visit)'),
  failure(3, 'loop', 'look, look, look, look'),
  failure(4, 'invalid-action', 'model answered "find the apple", not a valid action'),
];

describe('the model proposer with SmolLM2-135M and the JSON-Schema grammar', () => {
  let model: ModelBackend;
  const results: GenerateResult[] = [];
  let attempts: ProposalAttempt[];
  beforeAll(async () => {
    const real = await openDefaultModel();
    model = { ...real, info: real.info, generate: async (request) => {
      const result = await real.generate(request);
      results.push(result);
      return result;
    }, scoreChoices: (request) => real.scoreChoices(request), resetCache: () => real.resetCache(), close: () => real.close() };
    const proposer = createModelProposer({ model });
    attempts = await proposer.propose({ round: 1, spec: loadHarness('react-basic').spec, failures: FAILURES, solved: ['household-v1/train-5#0'], history: [], count: 2, earlier: [] });
  }, 900_000);
  afterAll(async () => {
    await model?.close();
  });

  it('answers JSON matching the answer schema every time (greedy and sampled), finishing before maxTokens', () => {
    expect(attempts).toHaveLength(2);
    const schema = modelAnswerSchema(builtInParts.names(), ['search-inefficiency', 'loop', 'invalid-action']);
    for (const [index, attempt] of attempts.entries()) {
      const rawText = attempt.type === 'failed' ? attempt.rawText : attempt.rawText!;
      const parsed = schema.safeParse(JSON.parse(rawText));
      expect(parsed.success, `answer ${index}: ${rawText}`).toBe(true);
      if (attempt.type === 'failed') expect(attempt.reason).not.toMatch(/^(not JSON|schema-invalid|model-error)/);
      expect(results[index]!.finishReason).toBe('grammar');
    }
    // The prompt fits SmolLM2's 2048-token context with room for the answer.
    console.log(`proposer prompt: ${results[0]!.usage.promptTokens} tokens; answers: ${results.map((r) => `${r.usage.completionTokens} tokens in ${(r.timings.totalMs / 1000).toFixed(1)} s`).join(', ')}`);
    console.log(attempts.map((attempt) => `${attempt.type === 'failed' ? `failed: ${attempt.reason}` : `proposal: ${attempt.proposal.manifest.levers.join(' + ')}`}\n  ${(attempt.rawText ?? '').replace(/\s+/g, ' ')}`).join('\n'));
    expect(results[0]!.usage.promptTokens).toBeLessThan(1400);
  });
});
