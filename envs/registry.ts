/**
 * The environment registry (like Gymnasium's `make`): ids → environments, and suite names → the
 * environment and its tasks. `hearth` is Hearth's own simulator; `alfworld`, `twx` and
 * `scienceworld` are peer benchmarks behind Python bridges. Unknown ids and suites fail with the
 * closest names. Node-only (peers start processes); the browser uses `envs/hearth/` directly.
 */
import { closest } from 'fastest-levenshtein';
import { EnvError, type EnvDescription, type EnvTask } from './protocol.ts';
import { hearthEnvSource, HEARTH_VIEWS, type EnvSource, type HearthViewMode } from './hearth/hearth-env.ts';
import { ALL_PEERS } from './peers/all-peers.ts';
import type { PeerDefinition, PeerSuite } from './peers/peer-definition.ts';
import { describePeer, openPeerEnv } from './bridge/bridge-env.ts';

export const ENV_IDS = ['hearth', ...ALL_PEERS.map((peer) => peer.id)];

/** A name the user typed that is not one of `known`: the closest, and the list. */
function unknownName(what: string, name: string, known: readonly string[]): EnvError {
  return new EnvError('usage', `unknown ${what} '${name}' — did you mean '${closest(name, [...known])}'? known: ${known.join(', ')}`);
}

/** The peer with this id (EnvError 'usage' naming the closest otherwise). */
export function peerById(id: string): PeerDefinition {
  const peer = ALL_PEERS.find((p) => p.id === id);
  if (!peer) throw unknownName('environment', id, ENV_IDS);
  return peer;
}

/** Every suite a peer names (listing them does not need the package installed). */
export function peerSuites(): { peer: PeerDefinition; suite: PeerSuite }[] {
  return ALL_PEERS.flatMap((peer) => peer.suites().map((suite) => ({ peer, suite })));
}

/** Is `name` a peer suite reference (`alfworld:…`, `twx:…`, `scienceworld:…`)? */
export const isPeerSuiteName = (name: string): boolean => ALL_PEERS.some((peer) => name.startsWith(`${peer.id}:`));

/** A peer suite by name, e.g. `alfworld:valid_seen` or `twx:twc-easy:test`. */
export function peerSuite(name: string): { peer: PeerDefinition; suite: PeerSuite } {
  const all = peerSuites();
  const found = all.find(({ suite }) => suite.name === name);
  if (found) return found;
  peerById(name.split(':')[0]!);
  throw unknownName('suite', name, all.map(({ suite }) => suite.name));
}

/** How a peer suite's environments are made: recorded description, and one bridge per `open()`. */
export function peerEnvSource(peer: PeerDefinition, suite: PeerSuite): EnvSource {
  return { description: describePeer(peer, suite), open: () => openPeerEnv(peer, suite) };
}

/** A suite's environment source and tasks (peer suites only; Hearth's suites load through `scenarios/`). */
export function resolvePeerSuite(name: string): { source: EnvSource; tasks: EnvTask[]; suite: PeerSuite } {
  const { peer, suite } = peerSuite(name);
  return { source: peerEnvSource(peer, suite), tasks: suite.tasks(), suite };
}

/** The environment source a recorded description names (a run folder's config, a trace header). */
export function envSourceFor(description: Pick<EnvDescription, 'id' | 'params'>): EnvSource {
  if (description.id === 'hearth') {
    const view = String(description.params.view ?? 'full');
    if (!(HEARTH_VIEWS as readonly string[]).includes(view)) throw unknownName('view', view, HEARTH_VIEWS);
    return hearthEnvSource({ physics: description.params.physics === 'matter' ? 'matter' : 'kinematic', view: view as HearthViewMode });
  }
  const peer = peerById(description.id);
  return peerEnvSource(peer, peerSuite(String(description.params.suite)).suite);
}
