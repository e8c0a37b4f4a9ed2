/**
 * `openModel(spec)`: one string names any model Hearth can use.
 *
 * - a catalog id: `smollm2-135m` (default), `gemma3-270m`, `smollm2-135m-onnx`
 * - a GGUF file: `./models/my-model.Q4_K_M.gguf`
 * - an ONNX folder (transformers.js layout): `onnx:./my-onnx-model` or a folder holding `onnx/`
 * - an OpenAI-compatible server: `http://127.0.0.1:11434/v1#qwen2.5:0.5b` (model after `#`),
 *   or `openai:http://…#model`
 * - replayed replies for harness tests: `scripted:replies.json`
 * - the null chooser, uniform over the offered actions: `random` (or `random:SEED`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { closest } from 'fastest-levenshtein';
import type { ModelBackend } from './model-backend.ts';
import { ModelError } from './model-error.ts';
import { MODEL_CATALOG } from './catalog/model-catalog.ts';
import { cachedModelPath } from './catalog/fetch-model.ts';
import { modelsDir } from './catalog/models-dir.ts';

export interface OpenModelOptions {
  /** CPU threads for local backends (default 1). */
  threads?: number;
  contextSize?: number;
  /** llama.cpp: sequences in the one context, i.e. calls that run at once, batched (default 1). */
  sequences?: number;
  /** Per-call timeout default for HTTP backends. */
  timeoutMs?: number;
}

type Opener = (spec: string, options: OpenModelOptions) => Promise<ModelBackend>;

const ACCEPTED =
  'a catalog id (' + Object.keys(MODEL_CATALOG).join(', ') + '), a .gguf file, onnx:FOLDER, http(s)://HOST/v1#MODEL, scripted:FILE.json, or random[:SEED] (the null chooser)';

const openers: Record<'catalog' | 'gguf' | 'onnx' | 'openai' | 'scripted' | 'random', Opener> = {
  catalog: async (spec, options) => {
    const entry = MODEL_CATALOG[spec]!;
    const file = cachedModelPath(spec);
    if (!file) {
      throw new ModelError('load-failed', `model '${spec}' is not in the cache (${modelsDir()}). Fix: run \`hearth models fetch ${spec}\`.`, { modelId: spec });
    }
    if (entry.format === 'onnx') return openers.onnx(`onnx:${file}`, options);
    const { createLlamaBackend } = await import('./llama/llama-backend.ts');
    return createLlamaBackend({ modelPath: file, id: `llama:${spec}`, threads: options.threads, contextSize: options.contextSize, sequences: options.sequences });
  },
  gguf: async (spec, options) => {
    const { createLlamaBackend } = await import('./llama/llama-backend.ts');
    return createLlamaBackend({ modelPath: spec, threads: options.threads, contextSize: options.contextSize, sequences: options.sequences });
  },
  onnx: async (spec, options) => {
    const { createOnnxBackend } = await import('./onnx/onnx-backend.ts');
    const folder = spec.replace(/^onnx:/, '');
    return createOnnxBackend({ modelDir: path.resolve(folder), threads: options.threads, contextSize: options.contextSize });
  },
  openai: async (spec, options) => {
    const { openOpenAiSpec } = await import('./openai/open-openai-spec.ts');
    return openOpenAiSpec(spec, options);
  },
  random: async (spec) => {
    const seed = spec === 'random' ? 0 : Number(spec.slice('random:'.length));
    if (!Number.isInteger(seed) || seed < 0) throw new ModelError('invalid-request', `'${spec}': the null chooser's seed must be a whole number ≥ 0, e.g. random:3`);
    const { createNullChooser } = await import('./null-chooser.ts');
    return createNullChooser(seed);
  },
  scripted: async (spec) => {
    const { createScriptedBackend } = await import('./scripted-backend.ts');
    const file = spec.replace(/^scripted:/, '');
    return createScriptedBackend(JSON.parse(fs.readFileSync(file, 'utf8')));
  },
};

/** Which opener handles a spec. */
export function classifyModelSpec(spec: string): keyof typeof openers {
  if (MODEL_CATALOG[spec]) return 'catalog';
  if (spec.startsWith('scripted:')) return 'scripted';
  if (spec === 'random' || spec.startsWith('random:')) return 'random';
  if (spec.startsWith('openai:') || /^https?:\/\//.test(spec)) return 'openai';
  if (spec.startsWith('onnx:')) return 'onnx';
  if (spec.endsWith('.gguf')) return 'gguf';
  if (fs.existsSync(path.join(spec, 'onnx'))) return 'onnx';
  const suggestion = closest(spec, Object.keys(MODEL_CATALOG));
  throw new ModelError('invalid-request', `unknown model '${spec}' — did you mean '${suggestion}'? Accepted: ${ACCEPTED}.`);
}

/** Opens any model by its spec string. */
export function openModel(spec: string, options: OpenModelOptions = {}): Promise<ModelBackend> {
  return openers[classifyModelSpec(spec)](spec, options);
}
