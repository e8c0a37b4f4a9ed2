/** `hearth envs list|install`: the peer benchmarks (ALFWorld, TextWorldExpress, ScienceWorld) and their pinned Python venvs. */
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { ALL_PEERS } from '../../envs/peers/all-peers.ts';
import type { PeerDefinition } from '../../envs/peers/peer-definition.ts';
import { EnvError } from '../../envs/protocol.ts';
import { envsRoot } from '../../envs/install/venv-dir.ts';
import { peerStatus } from '../../envs/install/peer-status.ts';
import { installPeer } from '../../envs/install/install-peer.ts';
import { unknownName } from '../../scenarios/format/unknown-name.ts';

/** Install names that differ from the peer id (the package's name reads better than the id). */
const INSTALL_ALIASES: Record<string, string> = { 'textworld-express': 'twx' };
const installName = (peer: PeerDefinition) => Object.entries(INSTALL_ALIASES).find(([, id]) => id === peer.id)?.[0] ?? peer.id;

function listCommand(): void {
  console.log(`peer venvs: ${envsRoot()} (set HEARTH_ENVS_DIR to move them)`);
  for (const peer of ALL_PEERS) {
    const status = peerStatus(peer);
    const state = status.installed ? `installed    ${status.version}` : `not installed — run: hearth envs install ${installName(peer)}`;
    console.log(`\n  ${peer.id.padEnd(14)}${state}`);
    console.log(`  ${''.padEnd(14)}${peer.title}; pins ${peer.requirements.join(' ')}`);
    console.log(`  ${''.padEnd(14)}venv ${status.dir}`);
    if (status.java) console.log(`  ${''.padEnd(14)}java ${status.java.ok ? `ok (${status.java.version})` : `MISSING: ${status.java.problem}`}`);
    if (status.installed && status.problem) console.log(`  ${''.padEnd(14)}problem: ${status.problem}`);
    for (const suite of peer.suites()) console.log(`  ${''.padEnd(14)}suite ${suite.name} (${suite.stepLimit} steps): ${suite.description}`);
  }
}

/** The peers named on the command line (`all`, ids or install names); a usage error for others. */
function peersNamed(names: string[]): PeerDefinition[] | null {
  const known = ['all', ...ALL_PEERS.map(installName)];
  const chosen = new Set<PeerDefinition>();
  for (const name of names) {
    if (name === 'all') ALL_PEERS.forEach((peer) => chosen.add(peer));
    const peer = ALL_PEERS.find((p) => p.id === (INSTALL_ALIASES[name] ?? name));
    if (peer) chosen.add(peer);
    else if (name !== 'all') {
      console.error(`error: ${unknownName('environment', name, known).message} (see hearth envs install --help)`);
      return null;
    }
  }
  return [...chosen];
}

async function installCommand(names: string[]): Promise<void> {
  const peers = peersNamed(names);
  if (!peers) {
    process.exitCode = 2;
    return;
  }
  for (const peer of peers) {
    try {
      const result = await installPeer(peer, { onLog: (line) => console.log(`  ${line}`) });
      console.log(result.reused ? `${peer.id}: already installed in ${result.dir}` : `${peer.id}: installed in ${result.dir} (${result.seconds.toFixed(0)} s)`);
      if (result.warning) console.error(`warning: ${result.warning}`);
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    }
  }
}

export const envsCommand: CommandModule = {
  register(program: Command): void {
    const envs = program.command('envs').description('peer benchmarks (ALFWorld, TextWorldExpress, ScienceWorld): list them, install their pinned Python venvs');
    envs.command('list').description('show each peer: installed or not, version, venv folder, Java, suites').action(listCommand);
    envs
      .command('install')
      .argument('<names...>', `what to install: ${['all', ...ALL_PEERS.map(installName)].join(', ')}`)
      .description('build pinned venvs with pip (needs PyPI; ~2 min and ~0.4 GB each; idempotent)')
      .action(installCommand);
  },
};
