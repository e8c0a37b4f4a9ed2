/**
 * Is a peer ready to run? Its venv complete (marker present, pins equal, interpreter there) and,
 * when it needs one, a Java ≥ 17. `requirePeerPython` is what starting a bridge calls: the venv's
 * interpreter, or an EnvError('missing') naming the command that fixes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EnvError } from '../protocol.ts';
import type { PeerDefinition } from '../peers/peer-definition.ts';
import { INSTALLED_MARKER, installCommand, venvDir, venvPython } from './venv-dir.ts';
import { javaStatus, type JavaStatus } from './java.ts';

/** What an install writes last into the venv. */
export interface InstalledMarker {
  formatVersion: 1;
  peer: string;
  requirements: string[];
  /** Installed versions of the required packages, by name. */
  packages: Record<string, string>;
  python: string;
  installedAt: string;
}

export interface PeerStatus {
  id: string;
  installed: boolean;
  dir: string;
  /** Installed versions (`alfworld 0.4.2 + textworld 1.7.0`), when installed. */
  version: string | null;
  /** Java's status for peers that need it, else null. */
  java: JavaStatus | null;
  /** What stops the peer from running and how to fix it; null when it can run. */
  problem: string | null;
}

export function readMarker(dir: string): InstalledMarker | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, INSTALLED_MARKER), 'utf8')) as InstalledMarker;
  } catch {
    return null;
  }
}

const sameRequirements = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

export function peerStatus(peer: PeerDefinition): PeerStatus {
  const dir = venvDir(peer);
  const marker = readMarker(dir);
  const java = peer.needsJava ? javaStatus() : null;
  const fix = installCommand(peer);
  let problem: string | null = null;
  if (!fs.existsSync(dir)) problem = `${peer.id} is not installed (no venv at ${dir}); run: ${fix}`;
  else if (!marker) problem = `${peer.id}'s venv at ${dir} is incomplete (no ${INSTALLED_MARKER}; an install was interrupted?); run: ${fix}`;
  else if (!sameRequirements(marker.requirements, peer.requirements)) problem = `${peer.id}'s venv at ${dir} holds ${marker.requirements.join(' ')}, not ${peer.requirements.join(' ')}; run: ${fix}`;
  else if (!fs.existsSync(venvPython(dir))) problem = `${peer.id}'s venv at ${dir} has no working bin/python (was its Python removed?); delete the folder and run: ${fix}`;
  const installed = problem === null;
  if (!problem && java && !java.ok) problem = `${peer.id} needs Java: ${java.problem}`;
  const version = installed && marker ? Object.entries(marker.packages).map(([name, v]) => `${name} ${v}`).join(' + ') : null;
  return { id: peer.id, installed, dir, version, java, problem };
}

/** The interpreter of a peer's venv; EnvError('missing') with the fix when the peer cannot run. */
export function requirePeerPython(peer: PeerDefinition): string {
  const status = peerStatus(peer);
  if (status.problem) throw new EnvError('missing', status.problem);
  return venvPython(status.dir);
}
