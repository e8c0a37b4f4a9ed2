/**
 * `hearth scenarios generate --suite S [--seed N] [--split X] --out DIR`: writes every member of a
 * suite as a scenario file (DIR/<split>/<name>.json) and the suite's manifest (DIR/manifest.json).
 * At the suite's own seed the result is checked against the frozen manifest, hash by hash; another
 * seed gives a new draw of the same generator, with its own manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { buildSuite } from '../../../scenarios/suites/build-suite.ts';
import { loadSuiteManifest } from '../../../scenarios/suites/load-suite.ts';
import { SPLITS, type SplitName } from '../../../scenarios/suites/suite-manifest.ts';
import { SuiteError, suiteDefinition } from '../../../scenarios/suites/suite-registry.ts';
import { ensureDir } from '../../ensure-dir.ts';

interface GenerateOptions {
  suite: string;
  seed?: string;
  split?: string;
  out: string;
}

function fail(message: string): void {
  console.error(`error: ${message}`);
  process.exitCode = 1;
}

export function generateCommand(options: GenerateOptions): void {
  let definition;
  try {
    definition = suiteDefinition(options.suite);
  } catch (error) {
    return fail((error as Error).message);
  }
  const seed = options.seed === undefined ? definition.seed : Number(options.seed);
  if (!Number.isInteger(seed) || seed < 0) return fail(`--seed must be a whole number ≥ 0, got '${options.seed}'`);
  if (options.split && !SPLITS.includes(options.split as SplitName)) return fail(`unknown split '${options.split}'; splits: ${SPLITS.join(', ')}`);
  const splits = options.split ? [options.split as SplitName] : undefined;

  const bar = new SingleBar({ format: 'generating {bar} {value}/{total} {id}', stream: process.stderr, noTTYOutput: false, hideCursor: true }, Presets.shades_classic);
  let started = false;
  const { manifest, members } = buildSuite(options.suite, seed, {
    splits,
    onMember: (done, total, member) => {
      if (!started) {
        bar.start(total, 0, { id: '' });
        started = true;
      }
      bar.update(done, { id: member.id });
    },
  });
  bar.stop();

  try {
    for (const { member, file } of members) {
      const target = path.join(options.out, member.split, `${member.id.split('/')[1]}.json`);
      ensureDir(path.dirname(target));
      fs.writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
    }
    fs.writeFileSync(path.join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  } catch (error) {
    return fail(`cannot write to ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  console.log(`wrote ${members.length} scenarios and manifest.json to ${options.out} (suite ${options.suite}, seed ${seed}, hash ${manifest.hash.slice(0, 12)}…)`);

  if (seed !== definition.seed) {
    console.log(`seed ${seed} is not the frozen suite's seed (${definition.seed}): this is a new draw of the same generator, not ${options.suite}`);
    return;
  }
  let frozen;
  try {
    frozen = loadSuiteManifest(options.suite);
  } catch (error) {
    if (error instanceof SuiteError) return fail(error.message);
    throw error;
  }
  const byId = new Map(frozen.members.map((m) => [m.id, m.hash]));
  const differing = members.filter(({ member }) => byId.get(member.id) !== member.hash).map(({ member }) => member.id);
  if (differing.length) return fail(`${differing.length} member(s) differ from the frozen manifest, e.g. ${differing.slice(0, 3).join(', ')}; the generator changed without a version bump`);
  console.log(`every file matches the frozen ${options.suite} manifest`);
}
