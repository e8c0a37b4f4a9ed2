/**
 * The model proposer's prompt: the parent's failures summarised per category (count and one
 * evidence line each), the current spec slot by slot, the parts it could add with their
 * parameters (read from the part catalogue's JSON Schema), lever hit rates from earlier attempts,
 * and what this round already proposed. Written for a 135M model with a 2048-token context: with
 * the compact catalogue (parts that change behaviour and build with default params, one line
 * each) and the four lines on writing a part in JavaScript (`sandboxed-js`), the prompt for
 * react-basic with three failure categories is 1211 tokens with SmolLM2's tokenizer and chat
 * template (1057 without those lines; propose-model-real.test.ts prints it), leaving ~800 for the
 * answer (100–300 tokens). `catalogDetail: 'json-schema'` writes the parts' full JSON Schemas
 * instead (~4k tokens), for models with a large context.
 */
import type { ChatMessage } from '../models/model-backend.ts';
import type { CatalogPart, PartCatalog } from '../harness/part-catalog-schema.ts';
import type { HarnessSpec } from '../harness/harness-spec.ts';
import type { FailureRecord } from './digest.ts';
import { slotParts, LIST_SLOTS, SINGLE_SLOTS } from '../harness/harness-edits.ts';
import { rankCategories, leverHitRates, type LeverHistory } from './propose-rules.ts';
import { ANSWER_LIMITS } from './model-answer.ts';
import { SANDBOXED_PART_NAME } from '../harness/sandbox/sandboxed-part.ts';

export interface ModelPromptInput {
  spec: HarnessSpec;
  failures: readonly FailureRecord[];
  solved: readonly string[];
  catalog: PartCatalog;
  history: readonly LeverHistory[];
  /** Edits already proposed this round (one line each), so the next answer differs. */
  proposedThisRound: readonly string[];
  catalogDetail?: 'compact' | 'json-schema';
}

const MAX_CATEGORIES = 5;
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A rough token count (SmolLM2's tokenizer averages ~3.6 characters per token on these prompts, chat template included). */
export function estimateTokens(messages: readonly ChatMessage[]): number {
  return Math.ceil(messages.reduce((sum, message) => sum + message.content.length + 8, 0) / 3.6);
}

/** One parameter schema as `name: type` pairs (`a|b` for enums). */
function paramsLine(schema: Record<string, unknown>): string {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const typeOf = (property: Record<string, unknown>): string => {
    if (Array.isArray(property.enum)) return property.enum.map(String).join('|');
    if (property.type === 'array') return 'list';
    return String(property.type ?? 'any');
  };
  const entries = Object.entries(properties).map(([name, property]) => `${name}: ${typeOf(property)}`);
  return entries.length ? `{${clip(entries.join(', '), 80)}}` : '{}';
}

function failuresSection(failures: readonly FailureRecord[], solved: number): string[] {
  const ranked = rankCategories(failures).slice(0, MAX_CATEGORIES);
  const lines = [`Failures: ${failures.length} of ${failures.length + solved} episodes failed.`];
  for (const { category, episodes } of ranked) {
    const excerpt = failures.flatMap((record) => record.categories).find((finding) => finding.category === category)?.evidence[0]?.excerpt;
    lines.push(`- ${category}: ${episodes.length} episode(s)${excerpt ? `, e.g. "${clip(excerpt, 70)}"` : ''}`);
  }
  return lines;
}

function specSection(spec: HarnessSpec): string[] {
  const lines = ['Harness now (slot: parts):'];
  for (const slot of [...SINGLE_SLOTS, ...LIST_SLOTS]) {
    const parts = slotParts(spec, slot).map((entry) => (Object.keys(entry.params).length ? `${entry.part} ${JSON.stringify(entry.params)}` : entry.part));
    lines.push(`${slot}: ${parts.join(', ') || 'none'}`);
  }
  const texts = Object.keys(spec.texts);
  if (texts.length) lines.push(`texts: ${texts.join(', ')}`);
  return lines;
}

/** Kinds worth offering a small model: the ones whose parts change what the agent does, not how its prompt reads. */
const COMPACT_KINDS = new Set<CatalogPart['kind']>(['control', 'validator', 'memory', 'decomposer', 'selector']);
/** Every param has a default, so `params: {}` builds (a small model cannot fill a remedy list or a program). */
const buildsWithoutParams = (part: CatalogPart): boolean => !Array.isArray(part.params.required) || part.params.required.length === 0;

function catalogSection(input: ModelPromptInput): string[] {
  if (input.catalogDetail === 'json-schema') return ['Parts (JSON, params as JSON Schema):', JSON.stringify(input.catalog.parts)];
  const unused = input.catalog.parts.filter((part) => !slotParts(input.spec, part.slot).some((entry) => entry.part === part.name));
  // A sandboxed part is described on its own (SANDBOXED_HOWTO): its params are a program, not defaults.
  const offered = unused.filter((part) => COMPACT_KINDS.has(part.kind) && buildsWithoutParams(part) && part.name !== 'none' && part.name !== SANDBOXED_PART_NAME);
  const lines = ['Parts you can add (slot: part — what it does {params}):'];
  for (const part of offered) lines.push(`${part.slot}: ${part.name} — ${clip(part.description.split(/(?<=\.)\s/)[0]!, 60)} ${paramsLine(part.params)}`);
  return lines;
}

function historySection(input: ModelPromptInput): string[] {
  const rates = Object.entries(leverHitRates(input.history)).map(([lever, { tried, accepted }]) => `${lever} ${accepted}/${tried}`);
  return [
    ...(rates.length ? [`Tried before (accepted/tried): ${rates.join(', ')}`] : []),
    ...(input.proposedThisRound.length ? [`Already proposed now, propose something else: ${input.proposedThisRound.join('; ')}`] : []),
  ];
}

const SYSTEM = 'You improve the harness of a household robot agent. The harness is made of parts in slots. Propose edits to the harness that fix the failures. Reply with JSON only.';

const ANSWER_FORMAT = [
  `Answer: {"answers": [failure categories above that your edits fix], "edits": [1 to ${ANSWER_LIMITS.edits} edits], "rationale": "why the edits fix them"}.`,
  'Edits: {"op":"insert","slot":LIST SLOT,"part":PART,"params":{}} adds a part; {"op":"replace","slot":SLOT,"part":PART,"params":{}} swaps the part of a slot;',
  '{"op":"set-params","slot":SLOT,"part":PART IN IT,"params":{NAME:VALUE}}; {"op":"remove","slot":SLOT,"part":PART IN IT}; {"op":"set-text","key":KEY,"text":TEXT}.',
];

/** How to write a part in JavaScript, for catalogues that have `sandboxed-js`. */
const SANDBOXED_HOWTO = [
  `Or write a part in JavaScript (at most ${ANSWER_LIMITS.source} characters), e.g. {"op":"insert","slot":"control","part":"${SANDBOXED_PART_NAME}","params":{"kind":"control","hook":"step-start","mayChange":["rules"],"source":"function run(input) { return {turn: {rules: [...input.turn.rules, 'Open closed receptacles.']}}; }"}}.`,
  'kind: the slot\'s kind (control, validator, memory, summarizer); hook: when it runs (step-start, before-action …); mayChange: the turn fields it returns.',
  'input is {view, turn, store}: view.goal.text, view.validActions, view.last {action, feedback}, view.step; turn.rules, turn.sections, turn.action.',
  'run returns {turn: {FIELD: NEW VALUE}} (the whole field) or {} to change nothing.',
];

/** The chat messages asking for one candidate. */
export function buildProposerPrompt(input: ModelPromptInput): ChatMessage[] {
  const user = [
    ...failuresSection(input.failures, input.solved.length),
    '',
    ...specSection(input.spec),
    '',
    ...catalogSection(input),
    ...historySection(input),
    '',
    ...ANSWER_FORMAT,
    ...(input.catalog.parts.some((part) => part.name === SANDBOXED_PART_NAME) ? SANDBOXED_HOWTO : []),
  ].join('\n');
  return [{ role: 'system', content: SYSTEM }, { role: 'user', content: user }];
}
