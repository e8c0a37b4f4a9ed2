/**
 * The Harness view's data: a built-in preset, a plain spec file or an evolution run's version
 * record (versions/<id>.json, candidates/…), parsed with the same schemas the CLI uses; and a
 * lineage.json. No Node modules: the record readers are the CLI's (record-fields.ts, format-run.ts).
 */
import { z } from 'zod';
import type { CandidateManifest } from '../../agent/evolve/candidate-manifest.ts';
import type { GateVerdict } from '../../agent/evolve/gate.ts';
import { recordFailures, recordGate, recordManifest, type FailureSummary } from '../../agent/evolve/record-fields.ts';
import { lineageSchema, versionRecordSchema, type Lineage, type VersionRecord } from '../../agent/evolve/version-record.ts';
import { behaviourId, harnessId, harnessSpecSchema, type HarnessSpec } from '../../agent/harness/harness-spec.ts';
import { migrateHarnessSpec } from '../../agent/harness/migrations.ts';
import { presetSpecs } from '../../agent/harness/presets/preset-specs.ts';

export type { FailureSummary };
export { formatEdit } from '../../agent/evolve/format-run.ts';

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
  return {
    key, label, origin, source, spec,
    // A record keeps the id it was stored under (a version renames its candidate; the id is the record's).
    id: record?.id ?? harnessId(spec),
    behaviourId: record?.behaviourId ?? behaviourId(spec),
    record,
    manifest: record ? recordManifest(record) : null,
    gate: record ? recordGate(record) : null,
    failures: record ? recordFailures(record) : [],
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
