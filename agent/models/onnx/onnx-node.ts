/**
 * Node-only helpers of the ONNX backend: where model folders live and opening one by path with a
 * clear error when it is missing. Kept apart from onnx-backend.ts so that file runs in the browser.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { modelsDir } from '../catalog/models-dir.ts';
import type { ModelBackend } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { createOnnxBackend, type OnnxBackendOptions } from './onnx-backend.ts';

/** Folder name of the exported default model inside the models cache. */
export const DEFAULT_ONNX_MODEL = 'smollm2-135m-onnx';

/** Absolute folder of a cached ONNX model by name (default: the exported SmolLM2). */
export function onnxModelDir(name: string = DEFAULT_ONNX_MODEL, root: string = modelsDir()): string {
  return join(root, name);
}

/** True when `dir` looks like a transformers.js causal-LM folder. */
export function isOnnxModelDir(dir: string): boolean {
  return ['config.json', 'tokenizer.json', join('onnx', 'model.onnx')].every((file) => existsSync(join(dir, file)));
}

/**
 * Opens a local ONNX model folder (absolute, relative to the cwd, or a name in the models cache).
 * Threads default to the machine's cores, capped at 4, like the llama.cpp backend.
 */
export async function openOnnxModel(
  pathOrName: string,
  options: Omit<OnnxBackendOptions, 'modelDir'> = {},
): Promise<ModelBackend> {
  const candidates = isAbsolute(pathOrName) ? [pathOrName] : [resolve(pathOrName), onnxModelDir(pathOrName)];
  const dir = candidates.find((candidate) => isOnnxModelDir(candidate));
  if (!dir && !options.allowRemoteModels) {
    throw new ModelError(
      'load-failed',
      `no ONNX model folder at ${candidates.map((c) => `"${c}"`).join(' or ')} ` +
        '(it needs config.json, tokenizer.json and onnx/model.onnx). ' +
        `Fix: run \`hearth models fetch ${DEFAULT_ONNX_MODEL}\` or pass a folder exported for transformers.js.`,
      { modelId: `onnx:${pathOrName}` },
    );
  }
  return createOnnxBackend({
    threads: Math.min(4, availableParallelism()),
    ...options,
    modelDir: dir ?? pathOrName,
  });
}
