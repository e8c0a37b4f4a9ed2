/**
 * The Harness view's data: a built-in preset, a plain spec file or an evolution run's version
 * record (versions/<id>.json, candidates/…), parsed with the same schemas the CLI uses; and a
 * lineage.json. No Node modules: the record helpers mirror run-folder.ts without its file reading.
 */
import { z } from 'zod';
import { candidateManifestSchema, type CandidateManifest } from '../../agent/evolve/candidate-manifest.ts';
import { gateVerdictSchema, type GateVerdict } from '../../agent/evolve/gate.ts';
import type { HarnessEdit } from '../../agent/evolve/harness-edits.ts';
import { formatParams } from '../../agent/evolve/spec-diff.ts';
import { lineageSchema, versionRecordSchema, type Lineage, type VersionRecord } from '../../agent/evolve/version-record.ts';
import { behaviourId, harnessId, harnessSpecSchema, type HarnessSpec } from '../../agent/harness/harness-spec.ts';
import { migrateHarnessSpec } from '../../agent/harness/migrations.ts';
import { presetSpecs } from '../../agent/harness/presets/preset-specs.ts';

const failureSchema = z.object({
  scenarioId: z.string(),
  seed: z.number(),
  primary: z.string(),
  categories: z.array(z.object({ category: z.string(), evidence: z.array(z.object({ excerpt: z.string() })).default([]) })).default([]),
});
export type FailureSummary = z.infer<typeof failureSchema>;

/** One harness the view can show or diff. */
export interface HarnessEntry {
  /** 'preset:react-basic' or 'file:<n>:<name>'. */
  key: string;
  label: string;
  /** Where it came from: 'preset' or the opened file's name. */
  origin: string;
  source: 'preset' | 'file';
  spec: HarnessSpec;
  id: string;
  behaviourId: string;
  record: VersionRecord | null;
  manifest: CandidateManifest | null;
  gate: GateVerdict | null;
  failures: FailureSummary[];
}

export type OpenedFile = { kind: 'harness'; entry: HarnessEntry } | { kind: 'lineage'; lineage: Lineage } | { kind: 'error'; message: string };

const issuesOf = (error: z.ZodError): string =>
  error.issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`).join('; ');

function parseSpec(input: unknown): HarnessSpec {
  const parsed = harnessSpecSchema.safeParse(migrateHarnessSpec(input));
  if (!parsed.success) throw new Error(`not a harness spec: ${issuesOf(parsed.error)}`);
  return parsed.data;
}

function entryOf(key: string, label: string, source: HarnessEntry['source'], origin: string, spec: HarnessSpec, record: VersionRecord | null): HarnessEntry {
  const manifest = record ? candidateManifestSchema.safeParse(record.manifest) : null;
  const gate = record ? gateVerdictSchema.safeParse(record.gate) : null;
  const failures = (record?.evidence ?? []).flatMap((item) => {
    const parsed = failureSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    key, label, origin, source, spec,
    // A record keeps the id it was stored under (a version renames its candidate; the id is the record's).
    id: record?.id ?? harnessId(spec),
    behaviourId: record?.behaviourId ?? behaviourId(spec),
    record,
    manifest: manifest?.success ? manifest.data : null,
    gate: gate?.success ? gate.data : null,
    failures,
  };
}

export function presetEntries(): HarnessEntry[] {
  return Object.entries(presetSpecs).map(([name, spec]) => entryOf(`preset:${name}`, `${name} (preset)`, 'preset', 'built-in preset', parseSpec(spec), null));
}

let opened = 0;

/** A file's text: a version record, a plain harness spec, or a lineage; else an error saying why. */
export function parseHarnessFile(fileName: string, text: string): OpenedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'error', message: `${fileName} is not valid JSON: ${(error as Error).message}` };
  }
  try {
    if (value && typeof value === 'object' && 'rounds' in value && 'versions' in value) {
      const lineage = lineageSchema.safeParse(value);
      if (!lineage.success) return { kind: 'error', message: `${fileName} is not a lineage: ${issuesOf(lineage.error)}` };
      return { kind: 'lineage', lineage: lineage.data };
    }
    opened += 1;
    if (value && typeof value === 'object' && 'kind' in value && 'spec' in value) {
      const record = versionRecordSchema.safeParse(value);
      if (!record.success) return { kind: 'error', message: `${fileName} is not a version record: ${issuesOf(record.error)}` };
      const r = record.data;
      const what = r.kind === 'start' ? 'start' : `${r.kind}, round ${r.round}`;
      return { kind: 'harness', entry: entryOf(`file:${opened}:${fileName}`, `${r.spec.name} ${r.id} (${what})`, 'file', fileName, r.spec, r) };
    }
    const spec = parseSpec(value);
    return { kind: 'harness', entry: entryOf(`file:${opened}:${fileName}`, `${spec.name} (${fileName})`, 'file', fileName, spec, null) };
  } catch (error) {
    return { kind: 'error', message: `${fileName}: ${(error as Error).message}` };
  }
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** An edit in one line, as `hearth harness show` prints it. */
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
