/**
 * ALFWorld (Shridhar et al., ICLR 2021) as a Hearth peer: the text household benchmark, pinned to
 * alfworld 0.4.2 + textworld 1.7.0, behind envs/alfworld/bridge.py. Suites: valid_seen (140 games)
 * and valid_train (200), frozen by SHA-256 in envs/alfworld/suites/; valid_unseen (134) from a
 * user's own ALFWorld download. 50 steps per game, as in the literature.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PeerDefinition, PeerSuite } from '../peers/peer-definition.ts';
import { alfworldDataDir, listSplit, manifestTasks } from './alfworld-data.ts';

export const ALFWORLD_STEP_LIMIT = 50;

const SPLITS = [
  { split: 'valid_seen', frozen: true, description: "ALFWorld's seen validation split: 140 games, 6 task types (rooms seen in training)" },
  { split: 'valid_unseen', frozen: false, description: "ALFWorld's unseen split: 134 games in rooms never seen in training (needs your own ALFWorld download)" },
  { split: 'valid_train', frozen: true, description: "200 games of ALFWorld's train set (its valid_train subset)" },
] as const;

/** The suites over a data folder (default: --alfworld-data as given, else $ALFWORLD_DATA, else the offline copy). */
export function alfworldSuites(dataDir?: string): PeerSuite[] {
  const resolved = alfworldDataDir(dataDir).dir;
  return SPLITS.map(({ split, frozen, description }) => ({
    name: `alfworld:${split}`,
    description,
    params: {},
    location: resolved ? { 'alfworld-data': resolved } : {},
    stepLimit: ALFWORLD_STEP_LIMIT,
    tasks: () => (frozen ? manifestTasks(split, dataDir) : listSplit(split, dataDir)),
  }));
}

export const alfworldPeer: PeerDefinition = {
  id: 'alfworld',
  title: 'ALFWorld (text household tasks, TextWorld engine)',
  requirements: ['alfworld==0.4.2', 'textworld==1.7.0'],
  version: 'alfworld 0.4.2 + textworld 1.7.0',
  needsJava: false,
  importCheck: 'import textworld.gym, alfworld.agents.environment.alfred_tw_env',
  bridgeScript: path.join(path.dirname(fileURLToPath(import.meta.url)), 'bridge.py'),
  suites: () => alfworldSuites(),
};
