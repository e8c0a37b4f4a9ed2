/**
 * Maintainers only: `node cli/run-ts.js envs/alfworld/freeze-alfworld.ts [valid_seen valid_train]`
 * writes the manifests envs/alfworld/suites/<split>.json (every game's task id and SHA-256) from
 * the data folder, so a result names exactly the games it ran on. Run once; never re-freeze differently.
 */
import fs from 'node:fs';
import { listSplit, manifestPath, type AlfworldManifest } from './alfworld-data.ts';

const splits = process.argv.slice(2);
for (const split of splits.length ? splits : ['valid_seen', 'valid_train']) {
  const members = listSplit(split).map(({ id, sha256 }) => ({ id, sha256: sha256! }));
  const manifest: AlfworldManifest = { formatVersion: 1, suite: `alfworld:${split}`, count: members.length, members };
  // One member per line: small diffs, easy to read.
  const lines = members.map((member) => `  ${JSON.stringify(member)}`).join(',\n');
  fs.writeFileSync(manifestPath(split), `{"formatVersion": 1, "suite": ${JSON.stringify(manifest.suite)}, "count": ${manifest.count}, "members": [\n${lines}\n]}\n`);
  console.log(`froze ${members.length} games of alfworld:${split} into ${manifestPath(split)}`);
}
