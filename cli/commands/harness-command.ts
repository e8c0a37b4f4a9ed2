/** `hearth harness log | show | diff`: an evolution run's versions, what changed between them, and why. */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { diffSpecs, formatSpecChanges } from '../../agent/evolve/harness-diff.ts';
import { editEvidence, formatEvidence, formatLineage, formatSpec, formatVersion } from '../../agent/evolve/format-run.ts';
import { findVersion, loadRunFolder, pathFrom, RunFolderError, type RunFolder } from '../../agent/evolve/run-folder.ts';
import type { VersionRecord } from '../../agent/evolve/version-record.ts';
import { HarnessError } from '../../agent/harness/harness-error.ts';
import { behaviourId, type HarnessSpec } from '../../agent/harness/harness-spec.ts';
import { loadHarness } from '../../agent/harness/presets/load-harness.ts';

/** A harness named on the command line: a record from a run folder, or a preset / spec file. */
interface Resolved {
  spec: HarnessSpec;
  id: string;
  behaviourId: string;
  label: string;
  record: VersionRecord | null;
  folder: RunFolder | null;
}

const looksLikeId = (ref: string): boolean => /^[hb]-/.test(ref);

/** Ids go to the run folder, anything else to loadHarness, so a preset can be compared with a version. */
function resolve(ref: string, dir: string | undefined, folders: Map<string, RunFolder>): Resolved {
  if (looksLikeId(ref) && !fs.existsSync(ref)) {
    if (!dir) throw new RunFolderError(`'${ref}' looks like a version id; pass --dir <run folder> to look it up (or give a preset name or a spec .json file)`);
    const folder = folders.get(dir) ?? loadRunFolder(dir);
    folders.set(dir, folder);
    const record = findVersion(folder, ref);
    return { spec: record.spec, id: record.id, behaviourId: record.behaviourId, label: `${record.spec.name} (${record.kind === 'start' ? 'start' : `${record.kind}, round ${record.round}`})`, record, folder };
  }
  const { spec, id } = loadHarness(ref);
  return { spec, id, behaviourId: behaviourId(spec), label: `${spec.name} (${ref.endsWith('.json') ? ref : 'preset'})`, record: null, folder: null };
}

/** Usage and id problems print one `error:` line (no stack) and exit 2; anything else is a bug and propagates. */
function guarded<A extends unknown[]>(action: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      action(...args);
    } catch (error) {
      if (!(error instanceof RunFolderError || error instanceof HarnessError)) throw error;
      console.error(`error: ${error.message}`);
      process.exitCode = 2;
    }
  };
}

function logCommand(dir: string): void {
  console.log(formatLineage(loadRunFolder(dir)));
}

function showCommand(ref: string, options: { dir?: string; json?: boolean }): void {
  const found = resolve(ref, options.dir, new Map());
  if (options.json) {
    console.log(JSON.stringify(found.record ?? { id: found.id, behaviourId: found.behaviourId, spec: found.spec }, null, 2));
  } else if (found.record) {
    console.log(formatVersion(found.record));
  } else {
    console.log([`${found.spec.name}${found.spec.description ? ` — ${found.spec.description}` : ''}`, `content id    ${found.id}`, `behaviour id  ${found.behaviourId}`, `source        ${ref}`, formatSpec(found.spec)].join('\n'));
  }
}

/** The evidence for B's edits: every step from A down B's parent line, or B's own step when A is not an ancestor. */
function evidenceFor(a: Resolved, b: Resolved): { steps: ReturnType<typeof editEvidence>[]; note: string | null } {
  if (!b.record || !b.folder || !a.record || a.folder !== b.folder) return { steps: [], note: null };
  const chain = pathFrom(b.folder, a.id, b.record);
  const steps = (chain ?? [b.record]).filter((record) => record.kind !== 'start').map(editEvidence);
  const note = chain ? null : `${a.id} is not on ${b.id}'s parent line; showing ${b.id}'s own edits (from its parent ${b.record.parents[0] ?? 'none'})`;
  return { steps, note };
}

function diffCommand(refA: string, refB: string, options: { dir?: string; json?: boolean }): void {
  const folders = new Map<string, RunFolder>();
  const a = resolve(refA, options.dir, folders);
  const b = resolve(refB, options.dir, folders);
  const changes = diffSpecs(a.spec, b.spec);
  const { steps, note } = evidenceFor(a, b);
  if (options.json) {
    const side = (s: Resolved) => ({ id: s.id, behaviourId: s.behaviourId, name: s.spec.name, kind: s.record?.kind ?? 'preset' });
    console.log(JSON.stringify({ a: side(a), b: side(b), changes, evidence: steps, note }, null, 2));
    return;
  }
  const lines = [`A ${a.id} ${a.label}`, `B ${b.id} ${b.label}`];
  if (a.behaviourId === b.behaviourId) lines.push(`same behaviour id ${a.behaviourId}: they act the same`);
  lines.push('changes', formatSpecChanges(changes).split('\n').map((line) => `  ${line}`).join('\n'));
  if (note) lines.push(note);
  if (steps.length) lines.push(note ? `evidence for ${b.id}'s own edits` : `evidence (${steps.length} step(s) from A to B)`, formatEvidence(steps));
  console.log(lines.join('\n'));
}

export const harnessCommand: CommandModule = {
  register(program: Command): void {
    const harness = program.command('harness').description('read harness versions: an evolution run\'s lineage, one version, what changed between two');
    harness
      .command('log')
      .argument('<dir>', 'evolution run folder (hearth evolve --out)')
      .description('the lineage: each round\'s parent and candidates with the gate\'s verdict, lever hit rates, why it stopped, the best version')
      .action(guarded(logCommand));
    harness
      .command('show')
      .argument('<id>', 'version or candidate id (h-… or b-…, or a unique prefix) with --dir; else a preset name or spec .json')
      .option('--dir <dir>', 'evolution run folder to look the id up in')
      .option('--json', 'print the record (or spec) as JSON')
      .description('a version\'s ids, parents, slots and texts, and for a gated one its manifest and gate checks')
      .action(guarded(showCommand));
    harness
      .command('diff')
      .argument('<a>', 'the older harness: id (with --dir), preset name or spec .json')
      .argument('<b>', 'the newer harness')
      .option('--dir <dir>', 'evolution run folder to look ids up in')
      .option('--json', 'print the changes and evidence as JSON')
      .description('which parts, parameters and texts changed from A to B, and the evidence for each edit')
      .action(guarded(diffCommand));
  },
};
