/**
 * The model proposer's logic with scripted models (the real model's answers are in
 * propose-model-real.test.ts): bad answers become failed candidates archived with their raw text,
 * a valid one is gated as a `model` candidate, rules and model split the candidates in order, a
 * part the model writes in JavaScript gets a signal the gate finds in its traces (and one whose
 * source does not compile fails with the error), and the catalogue lists every part with its
 * parameter schema.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILT_IN_PARTS, builtInParts } from '../harness/all-parts.ts';
import { partCatalog } from '../harness/part-catalog-schema.ts';
import { loadHarness } from '../harness/presets/load-harness.ts';
import type { GenerateRequest, ModelBackend } from '../models/model-backend.ts';
import { createNullChooser } from '../models/null-chooser.ts';
import { createScriptedBackend } from '../models/scripted-backend.ts';
import { nullEvolutionConfig } from './testing/null-evolution-run.ts';
import type { FailureRecord } from './digest.ts';
import type { EvolveConfig } from './evolve-config.ts';
import { runEvolution } from './evolve-run.ts';
import { grammarJsonSchema } from '../models/llama/json-schema-grammar.ts';
import { modelAnswerJsonSchema, modelAnswerSchema } from './model-answer.ts';
import { checkModelAnswer } from './propose-model.ts';
import { proposeWith, splitCount, type Proposer } from './proposers.ts';
import { loadRunFolder } from './run-folder.ts';

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-propose-model-'));
afterAll(() => fs.rmSync(temporary, { recursive: true, force: true }));

/** A short evolution with the null chooser as the planner: one round on 4 train scenarios. */
const config = (proposer: string, candidates: number): EvolveConfig => ({
  ...nullEvolutionConfig(), train: { limit: 4 }, rounds: 1, candidates, proposer, proposerModel: 'scripted',
  judge: { splits: ['test-unseen'], limit: 1, nullChooser: false },
});

/** A scripted model that answers from the prompt it is given (here: names a failure category the prompt lists). */
function promptReader(answer: (prompt: string) => string): ModelBackend & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  const scripted = createScriptedBackend({ replies: [] });
  return {
    ...scripted, requests,
    async generate(request) {
      requests.push(request);
      const prompt = 'messages' in request ? request.messages.map((message) => message.content).join('\n') : request.prompt;
      return { text: answer(prompt), finishReason: 'grammar', usage: { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 }, timings: { promptMs: 0, generateMs: 0, totalMs: 0 } };
    },
  };
}

const NOT_JSON = 'I would add a loop detector to the control slot.';
const SCHEMA_INVALID = JSON.stringify({ answers: ['loop'], edits: [{ op: 'insert', slot: 'control', part: 'loop-detection' }] });
const MISSING_PART = JSON.stringify({ answers: ['loop'], edits: [{ op: 'set-params', slot: 'control', part: 'loop-detection', params: { maxRepeats: 3 } }], rationale: 'repeat less' });

describe('the model proposer in an evolution run', () => {
  it('archives a non-JSON, a schema-invalid and a missing-part answer as failed candidates with their raw text, and counts them', async () => {
    const out = path.join(temporary, 'failed');
    const proposerModel = createScriptedBackend({ replies: [NOT_JSON, SCHEMA_INVALID, MISSING_PART] });
    const outcome = await runEvolution({ config: config('model', 3), out, model: createNullChooser(3), proposerModel });
    const folder = loadRunFolder(out);
    const failed = folder.candidates.filter((record) => record.proposer === 'model');
    expect(failed.map((record) => record.rawText)).toEqual([NOT_JSON, SCHEMA_INVALID, MISSING_PART]);
    expect(failed.every((record) => !record.accepted && record.gate === null && record.results.length === 0)).toBe(true);
    expect(failed[0]!.reason).toMatch(/^not JSON/);
    expect(failed[1]!.reason).toMatch(/^schema-invalid: .*(params|rationale)/);
    expect(failed[2]!.reason).toMatch(/^edits do not apply: .*slot 'control' has no part 'loop-detection'/);
    const round = outcome.lineage.rounds[0]!;
    expect(round.candidates.map((candidate) => [candidate.proposer, candidate.valid])).toEqual([['model', false], ['model', false], ['model', false]]);
    expect(round.accepted).toBeNull();
    const summary = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('| model | 3 | 0 | 0 | — |');
    // Continuing the run re-reads the stored answers: a model with nothing left to say gives the same lineage.
    const again = await runEvolution({ config: config('model', 3), out, model: createNullChooser(3), proposerModel: createScriptedBackend({ replies: [] }) });
    expect(again.lineage).toEqual(outcome.lineage);
  }, 120_000);

  it('mixes rules,model: 2 rules candidates then 1 model candidate, gated, with proposer model and derived signatures', async () => {
    const out = path.join(temporary, 'mixed');
    const proposerModel = promptReader((prompt) => {
      const category = /^- ([a-z-]+): \d+ episode/m.exec(prompt)![1];
      return JSON.stringify({ answers: [category], edits: [{ op: 'insert', slot: 'control', part: 'step-budget', params: {} }], rationale: 'say how many steps are left' });
    });
    const outcome = await runEvolution({ config: config('rules,model', 3), out, model: createNullChooser(3), proposerModel });
    const round = outcome.lineage.rounds[0]!;
    expect(round.candidates.map((candidate) => candidate.proposer)).toEqual(['rules', 'rules', 'model']);
    expect(round.candidates.every((candidate) => candidate.valid !== false)).toBe(true);
    const record = loadRunFolder(out).candidates.find((candidate) => candidate.proposer === 'model')!;
    expect(record.gate).not.toBeNull();
    expect(record.results.length).toBe(4);
    expect(record.manifest).toMatchObject({ proposer: 'model', levers: ['insert control/step-budget'], signatures: [{ event: 'control', part: 'step-budget' }], rationale: 'say how many steps are left' });
    expect((record.manifest as { answers: { count: number }[] }).answers[0]!.count).toBeGreaterThan(0);
    // The model was asked once, with the JSON Schema and the rules' proposals of this round in its prompt.
    expect(proposerModel.requests).toHaveLength(1);
    expect(proposerModel.requests[0]!.jsonSchema).toMatchObject({ type: 'object', required: ['answers', 'edits', 'rationale'] });
    expect(JSON.stringify(proposerModel.requests[0]!)).toContain('Already proposed now');
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toMatch(/\| rules \| 2 \| 2 \| \d \|[\s\S]*\| model \| 1 \| 1 \| \d \| insert control\/step-budget \d\/1 \|/);
  }, 120_000);
});

const failure = (seed: number, category: FailureRecord['primary']): FailureRecord => ({
  formatVersion: 1, scenarioId: 's', seed, harnessId: 'h-parent', taskType: 'pick-and-place', termination: 'step-limit', steps: 30, primary: category,
  categories: [{ category, count: 2, evidence: [{ step: 3, excerpt: `${category} at step 3` }] }], implicatedParts: [], targetSeen: false, targetHeld: false,
});
const input = { spec: loadHarness('react-basic').spec, failures: [failure(0, 'loop'), failure(1, 'loop'), failure(2, 'search-inefficiency')], solved: ['s#3'], history: [], count: 1 };

describe('checkModelAnswer', () => {
  it('completes a valid answer into a manifest: episodes answered, unlock, risk, lever id and signature from the catalogue', async () => {
    const answer = JSON.stringify({ answers: ['loop'], edits: [{ op: 'insert', slot: 'control', part: 'loop-detection', params: { maxRepeats: 2 } }], rationale: 'break loops' });
    const attempt = await checkModelAnswer(answer, input, new Set());
    expect(attempt.type).toBe('proposal');
    if (attempt.type !== 'proposal') return;
    expect(attempt.proposal.manifest).toMatchObject({
      proposer: 'model', levers: ['loop-detection'], answers: [{ category: 'loop', count: 2, episodes: ['s#0', 's#1'] }],
      predicted: { unlock: ['s#0', 's#1'], risk: ['s#3'] }, signatures: [{ event: 'control', part: 'loop-detection' }],
    });
  });

  it('fails an answer whose categories no failure shows, and one that names an unknown part', async () => {
    const offTopic = await checkModelAnswer(JSON.stringify({ answers: ['blockage'], edits: [{ op: 'insert', slot: 'control', part: 'loop-detection', params: {} }], rationale: 'x' }), input, new Set());
    expect(offTopic).toMatchObject({ type: 'failed', reason: expect.stringMatching(/^schema-invalid: answers\.0: .*"loop"\|"search-inefficiency"/) });
    const unknown = await checkModelAnswer(JSON.stringify({ answers: ['loop'], edits: [{ op: 'insert', slot: 'control', part: 'loop-breaker', params: {} }], rationale: 'x' }), input, new Set());
    expect(unknown).toMatchObject({ type: 'failed', reason: expect.stringMatching(/^schema-invalid: edits\.0\.part/) });
  });
});

/** An answer inserting a sandboxed control part with `source`. */
const sandboxedAnswer = (source: string, rationale = 'remind the agent to open receptacles') => JSON.stringify({
  answers: ['search-inefficiency'], rationale,
  edits: [{ op: 'insert', slot: 'control', part: 'sandboxed-js', params: { kind: 'control', hook: 'step-start', mayChange: ['rules'], source } }],
});
const ADD_RULE = "function run(input) { return { turn: { rules: [...input.turn.rules, 'Open closed receptacles.'] } }; }";
const SYNTAX_ERROR = "function run(input) { return { turn: { rules: [...input.turn.rules, 'Open closed receptacles.'] } ; }";

describe('checkModelAnswer with a part written in JavaScript', () => {
  it('adds a signal and default limits to the part, and makes its control event the signature', async () => {
    const attempt = await checkModelAnswer(sandboxedAnswer(ADD_RULE), input, new Set());
    expect(attempt.type).toBe('proposal');
    if (attempt.type !== 'proposal') return;
    const part = attempt.proposal.spec.slots.control.find((entry) => entry.part === 'sandboxed-js')!;
    expect(part.params).toMatchObject({ kind: 'control', hook: 'step-start', mayChange: ['rules'], source: ADD_RULE, signal: expect.stringMatching(/^js-[0-9a-f]{8}$/), limits: { msPerCall: 250, memoryBytes: 16 << 20 } });
    expect(attempt.proposal.manifest).toMatchObject({ levers: ['insert control/sandboxed-js'], signatures: [{ event: 'control', part: 'sandboxed-js', signal: part.params.signal }] });
    // Another source is another signal, so a new part is never credited with an older one's events.
    const other = await checkModelAnswer(sandboxedAnswer(ADD_RULE.replace('Open', 'Close')), input, new Set());
    expect(other.type === 'proposal' && other.proposal.manifest.signatures[0]).not.toEqual(attempt.proposal.manifest.signatures[0]);
  });

  it('fails a source that does not compile in QuickJS, or defines no run, with the error, before any episode', async () => {
    const syntax = await checkModelAnswer(sandboxedAnswer(SYNTAX_ERROR), input, new Set());
    expect(syntax).toMatchObject({ type: 'failed', reason: expect.stringMatching(/^does not build: control\/sandboxed-js source \(build\): SyntaxError: /) });
    const noRun = await checkModelAnswer(sandboxedAnswer('function main() { return {}; }'), input, new Set());
    expect(noRun).toMatchObject({ type: 'failed', reason: expect.stringMatching(/defines no function run/) });
  });

  it('fails a part whose kind is not its slot\'s', async () => {
    const answer = JSON.parse(sandboxedAnswer(ADD_RULE));
    answer.edits[0].params.kind = 'validator';
    expect(await checkModelAnswer(JSON.stringify(answer), input, new Set())).toMatchObject({ type: 'failed', reason: expect.stringMatching(/^schema-invalid: edits\.0\.params\.kind: a validator goes into slot 'validators', not 'control'/) });
  });
});

describe('a part written in JavaScript in an evolution run', () => {
  it('archives a source with a syntax error as failed with the error, and gates a valid one whose signature the gate sees in its traces', async () => {
    const out = path.join(temporary, 'sandboxed');
    let asked = 0;
    const proposerModel = promptReader(() => sandboxedAnswer([SYNTAX_ERROR, ADD_RULE][asked++]!));
    await runEvolution({ config: config('model', 2), out, model: createNullChooser(3), proposerModel });
    const records = loadRunFolder(out).candidates.filter((record) => record.proposer === 'model');
    expect(records).toHaveLength(2);
    const broken = records.find((record) => record.rawText === sandboxedAnswer(SYNTAX_ERROR));
    const valid = records.find((record) => record.rawText === sandboxedAnswer(ADD_RULE));
    expect(broken).toMatchObject({ accepted: false, gate: null, reason: expect.stringMatching(/^does not build: .*SyntaxError/) });
    expect(broken!.results).toEqual([]);
    expect(valid!.manifest).toMatchObject({ signatures: [{ event: 'control', part: 'sandboxed-js', signal: expect.stringMatching(/^js-/) }] });
    expect(valid!.results.length).toBe(4);
    const gateVerdict = valid!.gate as { checks: { name: string; ok: boolean; detail: string }[] };
    expect(gateVerdict.checks.find((check) => check.name === 'signature')).toEqual({ name: 'signature', ok: true, detail: 'seen' });
  }, 120_000);
});

describe('mixing proposers', () => {
  const fixed = (name: string, made: number): Proposer => ({
    name,
    propose: async (given) => Array.from({ length: Math.min(made, given.count) }, (_, index) => ({ type: 'failed' as const, proposer: name, reason: `${name} ${index} of ${given.count}`, rawText: '' })),
  });
  it('splits the count in order, the first taking the remainder and passing on what it leaves unused', async () => {
    expect(splitCount(3, 2)).toEqual([2, 1]);
    expect(splitCount(5, 3)).toEqual([2, 2, 1]);
    const base = { round: 1, spec: input.spec, failures: input.failures, solved: [], history: [], count: 5 };
    const both = await proposeWith([fixed('rules', 9), fixed('model', 9)], base);
    expect(both.map((attempt) => attempt.type === 'failed' && attempt.reason)).toEqual(['rules 0 of 3', 'rules 1 of 3', 'rules 2 of 3', 'model 0 of 2', 'model 1 of 2']);
    const short = await proposeWith([fixed('rules', 1), fixed('model', 9)], base);
    expect(short.map((attempt) => attempt.type === 'failed' && attempt.reason)).toEqual(['rules 0 of 3', 'model 0 of 4', 'model 1 of 4', 'model 2 of 4', 'model 3 of 4']);
  });
});

describe('the part catalogue as JSON Schema', () => {
  const catalog = partCatalog(builtInParts);
  it('lists every registered part once, sorted by name', () => {
    expect(catalog.parts.map((part) => part.name)).toEqual(builtInParts.names());
    expect(catalog.parts).toHaveLength(BUILT_IN_PARTS.length);
  });
  it.each(BUILT_IN_PARTS.map((part) => [part.name, part] as const))('%s: kind, description, and its params as a JSON Schema object with the same fields', (name, part) => {
    const entry = catalog.parts.find((candidate) => candidate.name === name)!;
    expect(entry).toMatchObject({ kind: part.kind, description: part.description });
    expect(entry.params.type).toBe('object');
    const fields = part.params instanceof z.ZodObject ? Object.keys(part.params.shape) : [];
    expect(Object.keys((entry.params.properties ?? {}) as object).sort()).toEqual(fields.sort());
    if (['summarizer', 'validator', 'control', 'memory'].includes(part.kind)) expect(entry.hooks.length).toBeGreaterThan(0);
  });
});

describe('the answer grammar schema', () => {
  it('pairs each slot with the parts that fit it for the parent spec', () => {
    const schema = modelAnswerJsonSchema(partCatalog(builtInParts), input.spec, ['loop']) as { properties: { edits: { items: { oneOf: { properties: Record<string, { const?: string; enum?: string[] }> }[] } } } };
    const variants = schema.properties.edits.items.oneOf.map((entry) => entry.properties).filter((entry) => entry.slot);
    const partsFor = (op: string, slot: string) => variants.find((entry) => entry.op!.const === op && entry.slot!.const === slot)?.part!.enum;
    expect(partsFor('insert', 'control')).toEqual(builtInParts.namesOfKind('control').filter((name) => name !== 'sandboxed-js'));
    expect(partsFor('insert', 'summarizers')).toEqual(builtInParts.namesOfKind('summarizer').filter((name) => name !== 'observation-text'));
    expect(partsFor('set-params', 'validators')).toEqual(['admissible']);
    expect(partsFor('remove', 'control')).toBeUndefined(); // react-basic has no control part to remove
    expect(partsFor('remove', 'selector')).toBeUndefined(); // a spec always has a selector
  });

  it('offers a part written in JavaScript for each list slot, its kind fixed by the slot, within what the llama grammar follows', () => {
    const schema = modelAnswerJsonSchema(partCatalog(builtInParts), input.spec, ['loop']) as { properties: { edits: { items: { oneOf: { properties: Record<string, { const?: string; enum?: string[]; properties?: Record<string, { const?: string }> }> }[] } } } };
    const sandboxed = schema.properties.edits.items.oneOf.map((entry) => entry.properties).filter((entry) => entry.part?.enum?.includes('sandboxed-js'));
    expect(sandboxed.map((entry) => [entry.op!.const, entry.slot!.const, entry.part!.enum, entry.params!.properties!.kind!.const])).toEqual([
      ['insert', 'control', ['sandboxed-js'], 'control'], ['insert', 'validators', ['sandboxed-js'], 'validator'], ['insert', 'memory', ['sandboxed-js'], 'memory'], ['insert', 'summarizers', ['sandboxed-js'], 'summarizer'],
    ]);
    expect(() => grammarJsonSchema(schema)).not.toThrow();
    // What the variant allows, the answer schema accepts (a field named twice counts once).
    const answer = { answers: ['loop'], rationale: 'r', edits: [{ op: 'insert', slot: 'memory', part: 'sandboxed-js', params: { kind: 'memory', hook: 'after-action', mayChange: ['sections', 'sections'], source: 'function run() { return {}; }' } }] };
    const parsed = modelAnswerSchema(builtInParts.names(), ['loop']).parse(answer);
    expect(parsed.edits[0]).toMatchObject({ params: { mayChange: ['sections'] } });
  });
});
