/**
 * Maintainers: `node cli/run-ts.js envs/install/adopt-venv.ts <peer id> <venv dir>` takes a venv built
 * by hand with the peer's exact pins as its installed venv (checks the import and the versions,
 * writes the marker, moves it to the hashed folder, leaves a symlink at the old path). Saves a
 * reinstall; `hearth envs list` shows the result.
 */
import path from 'node:path';
import { ALL_PEERS } from '../peers/all-peers.ts';
import { adoptVenv } from './install-peer.ts';
import { peerStatus } from './peer-status.ts';

const [id, from] = process.argv.slice(2);
const peer = ALL_PEERS.find((p) => p.id === id);
if (!peer || !from) {
  console.error(`usage: node cli/run-ts.js envs/install/adopt-venv.ts <${ALL_PEERS.map((p) => p.id).join('|')}> <venv dir>`);
  process.exit(2);
}
const dir = await adoptVenv(peer, path.resolve(from), { keepLink: true, onLog: (line) => console.log(line) });
const status = peerStatus(peer);
console.log(`adopted ${from} as ${dir}: ${status.installed ? `installed, ${status.version}` : 'NOT installed'}${status.problem ? ` (${status.problem})` : ''}`);
