/**
 * The model proposer: a language model reads the parent's failures, its spec, the part catalogue
 * and the lever hit rates so far, and answers with edits (see model-answer.ts), constrained to
 * that schema by `GenerateRequest.jsonSchema` where the backend can. Each answer is checked in
 * turn — JSON, schema, the edits apply to the spec, the harness builds, a sandboxed part's source
 * evaluates in QuickJS and defines run, the behaviour is new, the manifest can be completed
 * (episodes answered, signatures) — and the first check that fails makes it a failed candidate
 * with the raw text and the reason, never an exception. A sandboxed part the model writes gets its
 * `signal` here (from its source's hash, so its control event names this code) and default limits.
 * Candidate i of a round is asked greedily for i = 0, then sampled with seed (round, i); the prompt
 * lists what this round already proposed. Answers are kept in an AnswerStore so a continued run
 * re-reads them.
 */
import { hashJson } from '../../sim/index.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { buildHarness } from '../harness/build-harness.ts';
import { behaviourId, harnessId, type HarnessSpec } from '../harness/harness-spec.ts';
import { partCatalog } from '../harness/part-catalog-schema.ts';
import type { PartRegistry } from '../harness/part-registry.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import { ModelError } from '../models/model-error.ts';
import { candidateManifestSchema, type CandidateManifest } from './candidate-manifest.ts';
import { applyEdits, type HarnessEdit } from '../harness/harness-edits.ts';
import { modelAnswerJsonSchema, modelAnswerSchema, type ModelAnswer } from './model-answer.ts';
import { leverIdOfEdit, signatureOfEdit } from './edit-signature.ts';
import { buildProposerPrompt } from './propose-model-prompt.ts';
import { rankCategories, type ProposeInput } from './propose-rules.ts';
import { LEVERS } from './lever-catalog.ts';
import { SANDBOXED_PART_NAME, sandboxedParamsSchema } from '../harness/sandbox/sandboxed-part.ts';
import { checkSandboxSource } from '../harness/sandbox/quickjs-sandbox.ts';
import type { AnswerStore, ProposalAttempt, Proposer, ProposerInput } from './proposers.ts';

export interface ModelProposerOptions {
  model: ModelBackend;
  registry?: PartRegistry;
  /** Room for the answer (default 480 tokens: SmolLM2's answers took 100–300, the JSON grammar's whitespace included). */
  maxTokens?: number;
  /** Sampling temperature of candidates after the first (default 0.7). */
  temperature?: number;
  answers?: AnswerStore;
  /** Default: the full JSON Schema catalogue for models with ≥ 8192 tokens of context, else the compact one. */
  catalogDetail?: 'compact' | 'json-schema';
}

const episodeKey = (record: { scenarioId: string; seed: number }): string => `${record.scenarioId}#${record.seed}`;
const clip = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The categories the parent's failures show, most frequent first: the ones an answer may name. */
const failureCategories = (input: ProposeInput) => rankCategories(input.failures).map((entry) => entry.category);

/** Parts of the catalogue levers answering the most failed episodes, most first (the order the grammar offers parts in). */
function preferredParts(input: ProposeInput): string[] {
  const ranked = rankCategories(input.failures);
  const answered = (lever: (typeof LEVERS)[number]) => new Set(ranked.filter((entry) => lever.answers.includes(entry.category)).flatMap((entry) => entry.episodes)).size;
  const levers = LEVERS.map((lever) => ({ lever, answered: answered(lever) })).filter((entry) => entry.answered > 0).sort((a, b) => b.answered - a.answered);
  return [...new Set(levers.flatMap(({ lever }) => (lever.edits(input.spec, ranked.map((entry) => entry.category)) ?? []).flatMap((edit) => (edit.op === 'set-text' ? [] : [edit.part]))))];
}

/** The answer's JSON, lenient only about a surrounding code fence and whitespace. */
function parseJson(rawText: string): { value: unknown } | { error: string } {
  const text = rawText.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: `not JSON (${(error as Error).message}): ${JSON.stringify(clip(text, 120))}` };
  }
}

const isSandboxed = (edit: HarnessEdit): edit is Extract<HarnessEdit, { op: 'insert' }> => edit.op === 'insert' && edit.part === SANDBOXED_PART_NAME;

/** A sandboxed part as the model wrote it, completed: a signal naming its source (the signature the gate checks) and default limits. */
function completeSandboxed(edit: HarnessEdit): HarnessEdit {
  if (!isSandboxed(edit)) return edit;
  const { limits } = sandboxedParamsSchema.parse({});
  return { ...edit, params: { ...edit.params, signal: `js-${hashJson(edit.params.source).slice(0, 8)}`, limits } };
}

/** Why the first sandboxed part's source fails to evaluate in QuickJS or defines no run, or null when all do. */
async function sandboxBuildError(edits: readonly HarnessEdit[]): Promise<string | null> {
  for (const edit of edits.filter(isSandboxed)) {
    const params = sandboxedParamsSchema.parse(edit.params);
    const outcome = await checkSandboxSource(params.source, params.limits);
    if (!outcome.ok) return `${edit.slot}/${SANDBOXED_PART_NAME} source (${outcome.fault}): ${outcome.message}`;
  }
  return null;
}

/** The full manifest for a valid answer, or why it cannot be completed. */
function completeManifest(answer: ModelAnswer, edits: HarnessEdit[], input: ProposeInput, registry: PartRegistry): CandidateManifest | { error: string } {
  // The schema only lets the answer name categories the failures show, so every one has episodes.
  const answers = rankCategories(input.failures).filter((entry) => answer.answers.includes(entry.category)).map((entry) => ({ category: entry.category, count: entry.episodes.length, episodes: entry.episodes }));
  const signatures = edits.map((edit) => signatureOfEdit(edit, input.spec, registry)).filter((signature) => signature !== null);
  if (signatures.length === 0) return { error: `no attribution signature: ${edits.map((edit) => edit.op).join(', ')} of these parts leaves no trace event the gate can check; add or change a control, selector, validator or decomposer part, or set a text` };
  const unique = <T>(items: T[]): T[] => [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
  return {
    formatVersion: 1, proposer: 'model', levers: unique(edits.map((edit) => leverIdOfEdit(edit, input.spec))), edits,
    answers, predicted: { unlock: input.failures.filter((record) => answer.answers.includes(record.primary)).map(episodeKey), risk: [...input.solved] },
    signatures: unique(signatures), rationale: answer.rationale,
  };
}

/**
 * Checks one answer against the parent in `input`; `tried` holds the behaviour ids already
 * proposed or evaluated (the parent's included).
 */
export async function checkModelAnswer(rawText: string, input: ProposeInput, tried: ReadonlySet<string>, registry: PartRegistry = builtInParts): Promise<ProposalAttempt> {
  const failed = (reason: string, extra: { spec?: HarnessSpec; manifest?: unknown } = {}): ProposalAttempt => ({ type: 'failed', proposer: 'model', reason, rawText, ...extra });
  const json = parseJson(rawText);
  if ('error' in json) return failed(json.error);
  const parsed = modelAnswerSchema(registry.names(), failureCategories(input)).safeParse(json.value);
  if (!parsed.success) return failed(`schema-invalid: ${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(answer)'}: ${issue.message}`).join('; ')}`, { manifest: json.value });
  const edits = (parsed.data.edits as HarnessEdit[]).map(completeSandboxed);
  let spec: HarnessSpec;
  try {
    spec = { ...applyEdits(input.spec, edits), parent: harnessId(input.spec) };
  } catch (error) {
    return failed(`edits do not apply: ${(error as Error).message}`, { manifest: parsed.data });
  }
  try {
    buildHarness(spec, registry);
  } catch (error) {
    return failed(`does not build: ${(error as Error).message}`, { spec, manifest: parsed.data });
  }
  const sandboxError = await sandboxBuildError(edits);
  if (sandboxError !== null) return failed(`does not build: ${sandboxError}`, { spec, manifest: parsed.data });
  const id = behaviourId(spec);
  if (tried.has(id)) return failed(`duplicate: behaviour ${id} was already proposed or tried`, { spec, manifest: parsed.data });
  const manifest = completeManifest(parsed.data, edits, input, registry);
  if ('error' in manifest) return failed(manifest.error, { spec, manifest: parsed.data });
  return { type: 'proposal', proposer: 'model', proposal: { manifest: candidateManifestSchema.parse(manifest), spec, behaviourId: id }, rawText };
}

/** One line per earlier proposal of the round, for the prompt. */
const proposedLine = (edits: readonly HarnessEdit[]): string => edits.map((edit) => (edit.op === 'set-text' ? `set-text ${edit.key}` : `${edit.op} ${edit.slot}/${edit.part}`)).join(' + ');

/** A model proposer over `options.model`. */
export function createModelProposer(options: ModelProposerOptions): Proposer {
  const registry = options.registry ?? builtInParts;
  const catalog = partCatalog(registry);
  const catalogDetail = options.catalogDetail ?? (options.model.info.contextSize >= 8192 ? 'json-schema' : 'compact');
  /** Would adding `part` leave a signature the gate can check? (Adding one that would not can never pass it.) */
  const attributable = (part: string, spec: HarnessSpec): boolean => {
    const slot = catalog.parts.find((entry) => entry.name === part)?.slot;
    if (!slot) return false;
    const edit: HarnessEdit = slot === 'decomposer' || slot === 'selector' || slot === 'promptBuilder' ? { op: 'replace', slot, part, params: {} } : { op: 'insert', slot, part, params: {} };
    return signatureOfEdit(edit, spec, registry) !== null;
  };

  async function ask(input: ProposerInput, index: number, proposed: string[]): Promise<string | { error: string }> {
    const messages = buildProposerPrompt({ ...input, catalog, proposedThisRound: proposed, catalogDetail });
    const key = `r${input.round}-model-${index}-${hashJson({ model: options.model.info.id, messages }).slice(0, 12)}`;
    const stored = options.answers?.get(key);
    if (stored !== undefined) return stored;
    try {
      const result = await options.model.generate({
        messages, jsonSchema: modelAnswerJsonSchema(catalog, input.spec, failureCategories(input), { preferred: preferredParts(input), attributable: (part) => attributable(part, input.spec) }), maxTokens: options.maxTokens ?? 480,
        temperature: index === 0 ? 0 : (options.temperature ?? 0.7), seed: input.round * 1000 + index,
      });
      options.answers?.set(key, result.text);
      return result.text;
    } catch (error) {
      if (!(error instanceof ModelError)) throw error; // a programming error, not the model's answer
      return { error: `model-error (${error.reason}): ${error.message}` };
    }
  }

  return {
    name: 'model',
    async propose(input) {
      if (input.failures.length === 0) return [];
      const tried = new Set([behaviourId(input.spec), ...input.history.map((attempt) => attempt.behaviourId), ...input.earlier.map((proposal) => proposal.behaviourId)]);
      const proposed = input.earlier.map((proposal) => proposedLine(proposal.manifest.edits));
      const attempts: ProposalAttempt[] = [];
      for (let index = 0; index < input.count; index += 1) {
        const answer = await ask(input, index, proposed);
        const attempt: ProposalAttempt = typeof answer === 'string' ? await checkModelAnswer(answer, input, tried, registry) : { type: 'failed', proposer: 'model', reason: answer.error, rawText: '' };
        if (attempt.type === 'proposal') {
          tried.add(attempt.proposal.behaviourId);
          proposed.push(proposedLine(attempt.proposal.manifest.edits));
        }
        attempts.push(attempt);
      }
      return attempts;
    },
  };
}
