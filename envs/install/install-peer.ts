/**
 * `hearth envs install <peer>`: builds a peer's pinned venv. Atomic: it is built in
 * `<dir>.tmp-<pid>` (venv, pip install, import check, Java check, marker last) and then renamed into
 * place, so a venv folder is either complete or absent. Renaming a venv leaves its scripts' `#!` lines
 * and activate scripts pointing at the old folder; they are rewritten (Hearth itself only uses
 * `bin/python`). `adoptVenv` takes a venv built by hand the same way.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EnvError } from '../protocol.ts';
import type { PeerDefinition } from '../peers/peer-definition.ts';
import { INSTALLED_MARKER, installCommand, venvDir, venvPython } from './venv-dir.ts';
import { peerStatus, readMarker, type InstalledMarker } from './peer-status.ts';
import { javaStatus } from './java.ts';

export interface InstallOptions {
  /** Progress lines (commands run, pip output). */
  onLog?: (line: string) => void;
  /** The Python that makes the venv (default: $HEARTH_PYTHON or python3). */
  python?: string;
}

export interface InstallResult {
  dir: string;
  /** Already installed: nothing was done. */
  reused: boolean;
  seconds: number;
  /** A warning that does not stop the install (Java missing). */
  warning: string | null;
}

/** Runs a command, streaming its output lines to onLog; resolves its stdout, rejects with the output tail. */
function run(command: string, args: string[], onLog: (line: string) => void): Promise<string> {
  onLog(`$ ${[command, ...args].map((word) => (/[\s;"'()]/.test(word) ? JSON.stringify(word) : word)).join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let tail = '';
    const take = (chunk: Buffer, isStdout: boolean) => {
      const text = chunk.toString('utf8');
      if (isStdout) stdout += text;
      tail = (tail + text).slice(-3000);
      for (const line of text.split('\n')) if (line.trim()) onLog(`  ${line}`);
    };
    child.stdout.on('data', (chunk: Buffer) => take(chunk, true));
    child.stderr.on('data', (chunk: Buffer) => take(chunk, false));
    child.on('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`'${command} ${args.join(' ')}' failed with exit code ${code}:\n${tail.trim()}`))));
  });
}

const packageName = (requirement: string) => requirement.split(/[=<>!~ ;[]/)[0]!.trim();

/** Installed versions of the required packages, read by the venv's own Python. */
async function installedVersions(python: string, requirements: string[], onLog: (line: string) => void): Promise<Record<string, string>> {
  const names = requirements.map(packageName);
  const script = `import json, importlib.metadata as m; print(json.dumps({n: m.version(n) for n in ${JSON.stringify(names)}}))`;
  return JSON.parse((await run(python, ['-c', script], onLog)).trim()) as Record<string, string>;
}

async function writeMarker(peer: PeerDefinition, dir: string, onLog: (line: string) => void): Promise<void> {
  const python = venvPython(dir);
  await run(python, ['-c', peer.importCheck], onLog);
  const pythonVersion = (await run(python, ['-c', 'import platform; print(platform.python_version())'], onLog)).trim();
  const marker: InstalledMarker = {
    formatVersion: 1,
    peer: peer.id,
    requirements: [...peer.requirements].sort(),
    packages: await installedVersions(python, peer.requirements, onLog),
    python: pythonVersion,
    installedAt: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(dir, INSTALLED_MARKER), `${JSON.stringify(marker, null, 1)}\n`);
}

/** After a venv folder moved from `from` to `to`: rewrite the old path in its scripts and activate files. */
export function rewriteVenvPaths(from: string, to: string): void {
  const bin = path.join(to, 'bin');
  for (const name of fs.readdirSync(bin)) {
    const file = path.join(bin, name);
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || stat.size > 1_000_000) continue;
    const text = fs.readFileSync(file);
    if (!text.includes(from)) continue;
    if (text.subarray(0, 2).toString() !== '#!' && !name.startsWith('activate') && !name.startsWith('Activate')) continue;
    // Scripts' `#!` lines and activate's VIRTUAL_ENV hold the path; activate's prompt holds the folder's name.
    fs.writeFileSync(file, text.toString('utf8').split(from).join(to).split(path.basename(from)).join(path.basename(to)));
  }
}

/** Moves a complete venv into place (`target` must not exist) and fixes its paths. */
function moveIntoPlace(from: string, target: string): void {
  fs.renameSync(from, target);
  rewriteVenvPaths(from, target);
}

/** Builds the peer's venv unless it is installed already. Throws EnvError('missing') with the cause when it cannot. */
export async function installPeer(peer: PeerDefinition, options: InstallOptions = {}): Promise<InstallResult> {
  const onLog = options.onLog ?? (() => undefined);
  const started = Date.now();
  const dir = venvDir(peer);
  const java = peer.needsJava ? javaStatus() : null;
  const warning = java && !java.ok ? `${peer.id} needs Java to run: ${java.problem}` : null;
  const status = peerStatus(peer);
  if (status.installed) return { dir, reused: true, seconds: 0, warning };

  const tmp = `${dir}.tmp-${process.pid}`;
  onLog(`installing ${peer.id} (${peer.requirements.join(' ')}) into ${dir}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    // No requirements (tests): no pip either.
    await run(options.python ?? process.env.HEARTH_PYTHON ?? 'python3', ['-m', 'venv', ...(peer.requirements.length ? [] : ['--without-pip']), tmp], onLog);
    if (peer.requirements.length) await run(venvPython(tmp), ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', ...peer.requirements], onLog);
    await writeMarker(peer, tmp, onLog);
    if (readMarker(dir)) {
      // Another install finished first; keep its venv.
      fs.rmSync(tmp, { recursive: true, force: true });
    } else {
      fs.rmSync(dir, { recursive: true, force: true }); // an incomplete venv from an older, interrupted install
      moveIntoPlace(tmp, dir);
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new EnvError('missing', `installing ${peer.id} (${peer.requirements.join(' ')}) into ${dir} failed: ${(error as Error).message}\nfix the cause and run again: ${installCommand(peer)}`);
  }
  return { dir, reused: false, seconds: (Date.now() - started) / 1000, warning };
}

/**
 * Takes a venv built by hand (the same pins, installed with pip) as the peer's venv: checks the
 * import, writes the marker, moves it into place. `keepLink` leaves a symlink at the old path.
 */
export async function adoptVenv(peer: PeerDefinition, from: string, options: InstallOptions & { keepLink?: boolean } = {}): Promise<string> {
  const onLog = options.onLog ?? (() => undefined);
  const dir = venvDir(peer);
  if (fs.existsSync(dir)) throw new EnvError('usage', `cannot adopt ${from}: ${dir} exists already`);
  await writeMarker(peer, from, onLog);
  const marker = readMarker(from)!;
  for (const requirement of peer.requirements) {
    const [name, pinned] = requirement.split('==');
    if (pinned && marker.packages[name!] !== pinned) {
      fs.rmSync(path.join(from, INSTALLED_MARKER));
      throw new EnvError('usage', `cannot adopt ${from}: it has ${name} ${marker.packages[name!]}, the pin is ${pinned}`);
    }
  }
  moveIntoPlace(from, dir);
  if (options.keepLink) fs.symlinkSync(dir, from);
  return dir;
}
