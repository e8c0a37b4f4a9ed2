/**
 * Where a peer's pinned Python venv lives: `${HEARTH_ENVS_DIR or ~/.cache/hearth/envs}/<id>-<hash>`,
 * the hash naming exactly its requirements — a changed pin is a new venv, never a silent upgrade.
 * A venv is complete only when its marker file (written last) is there.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { PeerDefinition } from '../peers/peer-definition.ts';

/** Written last by an install; its presence means the venv is complete. */
export const INSTALLED_MARKER = 'hearth-installed.json';

/** The folder holding every peer venv. */
export function envsRoot(): string {
  return process.env.HEARTH_ENVS_DIR || path.join(os.homedir(), '.cache', 'hearth', 'envs');
}

/** First 12 hex digits of the SHA-256 of the sorted requirements joined by newlines. */
export function requirementsHash(requirements: readonly string[]): string {
  return createHash('sha256').update([...requirements].sort().join('\n')).digest('hex').slice(0, 12);
}

/** The venv folder of a peer (whether or not it is installed). */
export function venvDir(peer: Pick<PeerDefinition, 'id' | 'requirements'>): string {
  return path.join(envsRoot(), `${peer.id}-${requirementsHash(peer.requirements)}`);
}

/** The venv's interpreter. */
export function venvPython(dir: string): string {
  return path.join(dir, 'bin', 'python');
}

/** The command that installs a peer (named in every 'missing' error). */
export function installCommand(peer: Pick<PeerDefinition, 'id'>): string {
  return `hearth envs install ${peer.id}`;
}
