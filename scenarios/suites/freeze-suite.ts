/**
 * Maintainers only: `npm run suite:freeze -- NAME` regenerates a suite at its own seed and writes
 * its manifest (scenarios/suites/NAME.json). Run it once when a suite is created; a frozen suite
 * is never re-frozen differently (the suite tests would fail) — make a new suite instead.
 */
import fs from 'node:fs';
import { buildSuite } from './build-suite.ts';
import { manifestPath } from './load-suite.ts';

const name = process.argv[2];
if (!name) {
  console.error('usage: npm run suite:freeze -- SUITE_NAME');
  process.exit(1);
}
const { manifest } = buildSuite(name, undefined, { onMember: (done, total) => { if (done % 40 === 0 || done === total) console.error(`${done}/${total}`); } });
fs.writeFileSync(manifestPath(name), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`froze ${manifest.members.length} members of ${name} into ${manifestPath(name)} (hash ${manifest.hash})`);
