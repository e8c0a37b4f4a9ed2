/**
 * Peer venvs: the folder name pins the requirements; an install is atomic (complete with its marker,
 * or absent), idempotent, and moves cleanly (scripts point at the final folder). Uses a peer with
 * no requirements so no package index is needed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvError } from '../protocol.ts';
import type { PeerDefinition } from '../peers/peer-definition.ts';
import { installPeer } from './install-peer.ts';
import { peerStatus, requirePeerPython } from './peer-status.ts';
import { INSTALLED_MARKER, requirementsHash, venvDir } from './venv-dir.ts';
import { javaMajor } from './java.ts';

const peer: PeerDefinition = { id: 'plain', title: 'a peer with no packages', requirements: [], version: 'plain', needsJava: false, importCheck: 'import json', bridgeScript: '/dev/null', suites: () => [] };

let root: string;
const saved = process.env.HEARTH_ENVS_DIR;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-envs-'));
  process.env.HEARTH_ENVS_DIR = root;
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  if (saved === undefined) delete process.env.HEARTH_ENVS_DIR;
  else process.env.HEARTH_ENVS_DIR = saved;
});

describe('peer venvs', () => {
  it('the folder is <root>/<id>-<12 hex of the sorted pins>', () => {
    expect(requirementsHash(['b==1', 'a==2'])).toBe(requirementsHash(['a==2', 'b==1']));
    expect(requirementsHash(['a==2'])).not.toBe(requirementsHash(['a==3']));
    expect(venvDir({ id: 'alfworld', requirements: ['alfworld==0.4.2', 'textworld==1.7.0'] })).toMatch(new RegExp(`^${root}/alfworld-[0-9a-f]{12}$`));
  });

  it('not installed: status says so and how to fix; starting it is EnvError(missing)', () => {
    expect(peerStatus(peer)).toMatchObject({ installed: false, version: null, problem: expect.stringContaining('hearth envs install plain') });
    expect(() => requirePeerPython(peer)).toThrow(EnvError);
    fs.mkdirSync(venvDir(peer));
    expect(peerStatus(peer).problem).toMatch(/incomplete/);
  });

  it('install builds beside, writes the marker, moves into place; a second install reuses it', async () => {
    const log: string[] = [];
    const first = await installPeer(peer, { onLog: (line) => log.push(line) });
    expect(first).toMatchObject({ dir: venvDir(peer), reused: false });
    expect(fs.readdirSync(root)).toEqual([path.basename(venvDir(peer))]);
    expect(JSON.parse(fs.readFileSync(path.join(first.dir, INSTALLED_MARKER), 'utf8'))).toMatchObject({ formatVersion: 1, peer: 'plain', requirements: [] });
    expect(peerStatus(peer)).toMatchObject({ installed: true, problem: null });
    expect(requirePeerPython(peer)).toBe(path.join(first.dir, 'bin', 'python'));
    const activate = fs.readFileSync(path.join(first.dir, 'bin', 'activate'), 'utf8');
    expect(activate).toContain(first.dir);
    expect(activate).not.toContain('.tmp-');
    expect(log.some((line) => line.includes('-m venv'))).toBe(true);
    expect((await installPeer(peer)).reused).toBe(true);
  }, 120_000);

  it('a failed install leaves nothing and names the command to run again', async () => {
    const error = await installPeer(peer, { python: '/nonexistent/python3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).kind).toBe('missing');
    expect((error as EnvError).message).toContain('hearth envs install plain');
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it("reads Java's major version (old and new numbering)", () => {
    expect(javaMajor('1.8.0_392')).toBe(8);
    expect(javaMajor('17.0.15')).toBe(17);
    expect(javaMajor('21')).toBe(21);
  });
});
