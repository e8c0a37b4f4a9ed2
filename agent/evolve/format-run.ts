/**
 * Run folders as text, for `hearth harness log | show | diff`: the lineage round by round, one
 * version with its slots, manifest and gate checks, and the evidence behind a version's edits.
 */
import type { HarnessSpec } from '../harness/harness-spec.ts';
import { describeSignature } from './attribution-signature.ts';
import { costPassNote } from './gate.ts';
import type { CandidateManifest } from './candidate-manifest.ts';
import type { HarnessEdit } from '../harness/harness-edits.ts';
import { formatParams, SLOT_NAMES } from './spec-diff.ts';
import { paramBlocks } from './param-blocks.ts';
import { recordFailures, recordGate, recordManifest } from './record-fields.ts';
import type { RunFolder } from './run-folder.ts';
import type { VersionRecord } from './version-record.ts';

const percent = (rate: number): string => `${Math.round(rate * 100)}%`;
const clip = (text: string, max = 100): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const row = (label: string, value: string, indent = '  '): string => `${indent}${label.padEnd(14)}${value}`;
/** A few of a list, then how many more: episode lists run to dozens. */
const some = (items: readonly string[], n = 3): string => (items.length > n ? `${items.slice(0, n).join(', ')}, … ${items.length - n} more` : items.join(', '));

/** Successes on the record's batch as `k/n (p%)`, falling back to the stored rate. */
function batch(record: VersionRecord | undefined, rate: number): string {
  if (!record?.results.length) return percent(rate);
  return `${record.results.filter((r) => r.success).length}/${record.results.length} (${percent(rate)})`;
}

/** The lineage: the start, each round's parent and candidates with their verdicts, hit rates, why it stopped, the best. */
export function formatLineage(folder: RunFolder): string {
  const { config, lineage } = folder;
  const lines = [`evolution in ${folder.dir}: ${config.from} with ${config.model} on ${config.suite} — ${config.train.limit} train scenarios × seeds ${config.seeds.join(', ')}, ${config.candidates} candidates per round, up to ${config.rounds} round(s)`];
  const start = folder.versions.find((record) => record.id === lineage.start);
  lines.push(`start ${lineage.start} (${start?.behaviourId ?? '?'}) ${start?.spec.name ?? ''}`.trimEnd());
  for (const round of lineage.rounds) {
    const records = folder.candidates.filter((record) => record.round === round.round);
    // The parent's batch score is only in the gate's paired counts (the parent record holds its own round's).
    const paired = records.map(recordGate).find((verdict) => verdict && verdict.paired.episodes > 0)?.paired;
    lines.push(`round ${round.round} · parent ${round.parent}${paired ? ` · parent batch ${paired.parentSuccesses}/${paired.episodes} (${percent(paired.parentSuccesses / paired.episodes)})` : ''}`);
    for (const candidate of round.candidates) {
      const record = records.find((r) => r.behaviourId === candidate.behaviourId);
      const verdict = candidate.accepted ? 'passed  ' : 'rejected';
      const gate = record ? recordGate(record) : null;
      const why = candidate.accepted ? (gate ? costPassNote(gate).replace(/^ /, ' — ') : '') : ` — ${candidate.reason}`;
      lines.push(`  ${verdict} ${candidate.behaviourId}  ${candidate.levers.join(' + ').padEnd(28)} batch ${batch(record, candidate.successRate)}${why}`);
    }
    const version = lineage.versions.find((v) => v.round === round.round && v.parent === round.parent);
    lines.push(version ? `  → accepted ${version.behaviourId} (+${version.levers.join(' +')}) as version ${version.id}` : `  → none accepted; ${round.parent} stays the parent`);
  }
  const rates = Object.entries(lineage.hitRates).map(([lever, { tried, accepted }]) => `${lever} ${accepted}/${tried}`);
  lines.push(`lever hit rates (accepted/tried): ${rates.join(', ') || 'none tried'}`);
  lines.push(`stopped: ${lineage.stopped}`);
  const best = folder.versions.find((record) => record.id === lineage.best);
  lines.push(`best: ${lineage.best}${best ? ` (${best.spec.description || best.spec.name})` : ''}`);
  return lines.join('\n');
}

/** A spec's slots (part and params, one line each; multi-line text params as blocks below) and texts. */
export function formatSpec(spec: HarnessSpec): string {
  const lines = ['slots'];
  for (const slot of SLOT_NAMES) {
    const value = spec.slots[slot];
    const parts = Array.isArray(value) ? value : value ? [value] : [];
    if (parts.length === 0) lines.push(row(slot, '—'));
    parts.forEach((part, index) => lines.push(row(index === 0 ? slot : '', [part.part, formatParams(part.params)].filter(Boolean).join(' ')), ...paramBlocks(part.params, ' '.repeat(16))));
  }
  const texts = Object.entries(spec.texts);
  lines.push(texts.length ? 'texts' : 'texts         none');
  for (const [key, text] of texts) lines.push(`  ${key}:`, ...text.split('\n').map((line) => `    ${line}`));
  return lines.join('\n');
}

/** One edit as `op slot/part params`. */
export function formatEdit(edit: HarnessEdit): string {
  switch (edit.op) {
    case 'set-text':
      return `set-text ${edit.key} ${JSON.stringify(clip(edit.text, 60))}`;
    case 'remove':
      return `remove ${edit.slot}/${edit.part}`;
    case 'replace':
      return `replace ${edit.slot}/${edit.target ?? '(its part)'} → ${edit.part} ${formatParams(edit.params)}`.trimEnd();
    default:
      return `${edit.op} ${edit.slot}/${edit.part} ${formatParams(edit.params)}`.trimEnd();
  }
}

function formatManifest(manifest: CandidateManifest): string[] {
  return [
    `manifest (proposer ${manifest.proposer})`,
    row('levers', manifest.levers.join(', ')),
    row('edits', manifest.edits.map(formatEdit).join('; ')),
    row('rationale', manifest.rationale),
    ...manifest.answers.map((answer, index) => row(index === 0 ? 'answers' : '', `${answer.category} ×${answer.count}: ${some(answer.episodes)}`)),
    row('predicted', `unlocks ${manifest.predicted.unlock.length ? some(manifest.predicted.unlock) : 'none'}; risks ${manifest.predicted.risk.length ? some(manifest.predicted.risk) : 'none'}`),
    row('signatures', manifest.signatures.map(describeSignature).join('; ')),
  ];
}

/** A version or candidate: name, ids, parents, round, slots, texts; for a gated one its manifest and the gate's checks. */
export function formatVersion(record: VersionRecord): string {
  const lines = [
    `${record.spec.name}${record.spec.description ? ` — ${record.spec.description}` : ''}`,
    row('content id', record.id, ''),
    row('behaviour id', record.behaviourId, ''),
    row('kind', record.kind === 'start' ? 'start' : `${record.kind}, round ${record.round}`, ''),
    row('parents', record.parents.join(', ') || 'none', ''),
  ];
  if (record.results.length) lines.push(row('batch', batch(record, record.successRate), ''));
  lines.push(formatSpec(record.spec));
  if (record.kind === 'start') return lines.join('\n');
  const manifest = recordManifest(record);
  lines.push(...(manifest ? formatManifest(manifest) : ['manifest      incomplete (see the gate)']));
  const gate = recordGate(record);
  if (gate) {
    lines.push(`gate: ${gate.accepted ? `accepted${costPassNote(gate)}` : `rejected — ${gate.reason}`}`);
    for (const check of gate.checks) lines.push(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name.padEnd(10)}${check.detail}`);
  }
  return lines.join('\n');
}

/** What `hearth harness diff --json` reports per step: the edits of one version and why they were made. */
export interface EditEvidence {
  id: string;
  behaviourId: string;
  round: number;
  parent: string | null;
  levers: string[];
  edits: HarnessEdit[];
  rationale: string | null;
  answers: CandidateManifest['answers'];
  gate: { accepted: boolean; reason: string; byCost?: true; paired: { parentSuccesses: number; candidateSuccesses: number; episodes: number; gained: number; lost: number; pOneSided: number; parentTokens?: number; candidateTokens?: number } } | null;
  failures: { episode: string; primary: string; excerpt: string | null }[];
}

/** The evidence behind a record's own edits (relative to its parent). */
export function editEvidence(record: VersionRecord): EditEvidence {
  const manifest = recordManifest(record);
  const gate = recordGate(record);
  return {
    id: record.id, behaviourId: record.behaviourId, round: record.round, parent: record.parents[0] ?? null,
    levers: manifest?.levers ?? [], edits: manifest?.edits ?? [], rationale: manifest?.rationale ?? null, answers: manifest?.answers ?? [],
    gate: gate && { accepted: gate.accepted, reason: gate.reason, ...(gate.byCost ? { byCost: gate.byCost } : {}), paired: gate.paired },
    failures: recordFailures(record).map((failure) => ({
      episode: `${failure.scenarioId}#${failure.seed}`, primary: failure.primary,
      excerpt: failure.categories.find((c) => c.category === failure.primary)?.evidence[0]?.excerpt ?? null,
    })),
  };
}

/** Evidence as indented lines (at most `maxFailures` failures each). */
export function formatEvidence(steps: readonly EditEvidence[], maxFailures = 5): string {
  return steps.map((step) => {
    const lines = [`  round ${step.round} · ${step.id} (${step.behaviourId}) +${step.levers.join(' +') || '?'} from ${step.parent ?? '?'}`];
    lines.push(row('edits', step.edits.map(formatEdit).join('; ') || '—', '    '));
    if (step.rationale) lines.push(row('rationale', step.rationale, '    '));
    lines.push(row('answers', step.answers.map((answer) => `${answer.category} ×${answer.count}`).join(', ') || '—', '    '));
    if (step.gate) {
      const { paired } = step.gate;
      lines.push(row('gate', `${step.gate.accepted ? `accepted${costPassNote(step.gate)}` : `rejected — ${step.gate.reason}`}; paired ${paired.parentSuccesses} → ${paired.candidateSuccesses} of ${paired.episodes} episodes (+${paired.gained} −${paired.lost}, one-sided exact McNemar p = ${paired.pOneSided.toFixed(3)})`, '    '));
    }
    step.failures.slice(0, maxFailures).forEach((failure, index) => lines.push(row(index === 0 ? 'failures' : '', `${failure.episode} ${failure.primary}${failure.excerpt ? `: ${clip(failure.excerpt, 90)}` : ''}`, '    ')));
    if (step.failures.length > maxFailures) lines.push(row('', `… ${step.failures.length - maxFailures} more failure(s) answered`, '    '));
    return lines.join('\n');
  }).join('\n');
}
