/**
 * Failure digests: what went wrong in failed episodes, as small plain-JSON records with evidence
 * and the harness parts to blame — the input evolution reads instead of whole traces.
 */
import type { Termination, Trace } from '../trace/trace-events.ts';
import { DETECTORS, digestContext, goalTakes, stepsContext, targetSeen, type DigestContext, type EpisodeSoFar, type Finding } from './digest-detectors.ts';
import { symptomsOf, type Symptom } from './digest-symptoms.ts';

export const FAILURE_FORMAT_VERSION = 1 as const;

/** Every failure kind the digest knows, in no particular order (see `PRIMARY_ORDER`). */
export const FAILURE_CATEGORIES = ['invalid-action', 'precondition', 'loop', 'search-inefficiency', 'wrong-object', 'progress-undone', 'transform-not-delivered', 'model-error', 'blockage', 'part-error', 'other'] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/**
 * Which category is the headline when several are present: the ones that explain the others
 * come first (a model error or a crashing part ends the episode whatever else happened; an
 * invalid action often causes the loops and failed preconditions that follow it).
 */
export const PRIMARY_ORDER: readonly FailureCategory[] = ['model-error', 'part-error', 'invalid-action', 'progress-undone', 'transform-not-delivered', 'wrong-object', 'blockage', 'precondition', 'loop', 'search-inefficiency', 'other'];

const MAX_EVIDENCE = 3;

/** One step that shows a failure, with a one-line excerpt (≤ 160 characters). */
export interface FailureEvidence {
  step: number;
  excerpt: string;
}

/** One category found in a trace: how often, the first few pieces of evidence, and (for precondition) the reason codes. */
export interface CategoryFinding {
  category: FailureCategory;
  count: number;
  reasons?: Record<string, number>;
  evidence: FailureEvidence[];
}

/** What went wrong in one failed episode. Plain JSON. */
export interface FailureRecord {
  formatVersion: typeof FAILURE_FORMAT_VERSION;
  scenarioId: string;
  seed: number;
  harnessId: string;
  taskType: string | null;
  /** null when the trace stops before its episode-end event. */
  termination: Termination | null;
  steps: number;
  primary: FailureCategory;
  /** The categories present, in `PRIMARY_ORDER`. */
  categories: CategoryFinding[];
  /** Part names (or `slots.<slot>` for an empty slot) that could fix the failures, most relevant first. */
  implicatedParts: string[];
  /** Some goal-type object was mentioned in the observations. */
  targetSeen: boolean;
  /** Some goal-type object was picked up. */
  targetHeld: boolean;
  /** Finer evidence, each pointing at one remedy (`digest-symptoms.ts`); absent in records written before it. */
  symptoms?: Symptom[];
}

/** Failures over many traces: counts per category and the records. */
export interface TraceDigest {
  formatVersion: typeof FAILURE_FORMAT_VERSION;
  episodes: number;
  failures: number;
  /** How many failed traces show each category. */
  byCategory: Record<FailureCategory, number>;
  /** How many failed traces have each category as their primary one. */
  byPrimary: Record<FailureCategory, number>;
  records: FailureRecord[];
}

function categoryFinding(category: FailureCategory, finding: Finding): CategoryFinding {
  return { category, count: finding.evidence.length, ...(finding.reasons ? { reasons: finding.reasons } : {}), evidence: finding.evidence.slice(0, MAX_EVIDENCE) };
}

/** Runs every detector; `other` stays only when nothing else was found. */
function detect(context: DigestContext): { categories: CategoryFinding[]; implicated: string[] } {
  const findings = PRIMARY_ORDER.flatMap((category) => {
    const finding = DETECTORS[category](context);
    return finding ? [{ category, finding }] : [];
  });
  const kept = findings.length > 1 ? findings.filter((f) => f.category !== 'other') : findings;
  return { categories: kept.map((f) => categoryFinding(f.category, f.finding)), implicated: [...new Set(kept.flatMap((f) => f.finding.implicated))] };
}

/**
 * The failure categories a running episode shows so far (in `PRIMARY_ORDER`, `other` when none),
 * read from what the agent saw — what a mid-task rewrite classifies before picking its remedy.
 */
export function digestSoFar(soFar: EpisodeSoFar): CategoryFinding[] {
  return detect(stepsContext(soFar)).categories;
}

/** The failure record of one episode, or null when it succeeded. */
export function digestTrace(trace: Trace): FailureRecord | null {
  const context = digestContext(trace);
  if (context.end?.success) return null;
  const { header } = trace;
  const { categories, implicated } = detect(context);
  return {
    formatVersion: FAILURE_FORMAT_VERSION,
    scenarioId: header.scenario.id,
    seed: header.scenario.seed,
    harnessId: header.harnessId,
    taskType: header.scenario.taskType,
    termination: context.end?.termination ?? null,
    steps: context.end?.steps ?? context.applies.length,
    primary: categories[0]?.category ?? 'other',
    categories,
    implicatedParts: implicated,
    targetSeen: targetSeen(context),
    targetHeld: goalTakes(context).length > 0,
    symptoms: symptomsOf(context),
  };
}

const zeroCounts = (): Record<FailureCategory, number> => Object.fromEntries(FAILURE_CATEGORIES.map((c) => [c, 0])) as Record<FailureCategory, number>;

/** Digests many traces: the failure records and how often each category occurs. */
export function digestTraces(traces: Trace[]): TraceDigest {
  const records = traces.flatMap((trace) => digestTrace(trace) ?? []);
  const byCategory = zeroCounts();
  const byPrimary = zeroCounts();
  for (const record of records) {
    byPrimary[record.primary]++;
    for (const { category } of record.categories) byCategory[category]++;
  }
  return { formatVersion: FAILURE_FORMAT_VERSION, episodes: traces.length, failures: records.length, byCategory, byPrimary, records };
}

/** A record in one line: `scenario seed: primary (others) — first evidence`. */
function formatRecord(record: FailureRecord): string {
  const others = record.categories.slice(1).map((c) => c.category);
  const excerpt = record.categories[0]?.evidence[0]?.excerpt;
  const symptoms = record.symptoms?.length ? ` [${record.symptoms.join(', ')}]` : '';
  return `${record.scenarioId} ${record.seed}: ${record.primary}${others.length > 0 ? ` (${others.join(', ')})` : ''}${symptoms}${excerpt ? ` — ${excerpt}` : ''}`;
}

/** The digest as a readable text table (every category, so digests line up), then a line per failed episode. */
export function formatDigest(digest: TraceDigest): string {
  const width = Math.max(...FAILURE_CATEGORIES.map((c) => c.length));
  const lines = [`${digest.failures} of ${digest.episodes} episodes failed`, `${'category'.padEnd(width)}  traces  primary`];
  for (const category of PRIMARY_ORDER) {
    lines.push(`${category.padEnd(width)}  ${String(digest.byCategory[category]).padStart(6)}  ${String(digest.byPrimary[category]).padStart(7)}`);
  }
  if (digest.records.length > 0) lines.push('', ...digest.records.map(formatRecord));
  return lines.join('\n');
}
