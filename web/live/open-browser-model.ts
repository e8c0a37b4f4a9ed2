/// <reference types="vite/client" />
/**
 * `openBrowserModel(spec)`: the browser's counterpart of agent/models/open-model.ts. A spec is
 * plain JSON (it crosses postMessage into the episode worker), keyed on `type`:
 * - `wllama` — a GGUF served by the app under /models/, run by llama.cpp in WebAssembly;
 * - `onnx` — an exported ONNX folder under /models/, run by transformers.js (WebGPU when the
 *   browser has it, else WASM), with onnxruntime-web's files served by the app under /ort/;
 * - `openai` — an OpenAI-compatible server (the CLI's own backend: fetch, no Node modules).
 * Every model file and wasm comes from the app's origin; remote model hubs are switched off.
 */
import wllamaWasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import type { ModelBackend } from '../../agent/models/model-backend.ts';
import { ModelError } from '../../agent/models/model-error.ts';

/** Which model the Live view runs. */
export type BrowserModelSpec =
  | { type: 'wllama'; /** File name in the models directory. */ file: string; id: string; threads?: number; contextSize?: number }
  | { type: 'onnx'; /** Folder name in the models directory. */ folder: string; device?: 'webgpu' | 'wasm' | 'auto'; threads?: number }
  | { type: 'openai'; /** `http://HOST/v1#MODEL`, as the CLI's `--model` takes it. */ spec: string; apiKey?: string; timeoutMs?: number };

/** The default model: SmolLM2-135M-Instruct Q4_1, as the CLI's `smollm2-135m`. */
export const DEFAULT_BROWSER_MODEL: BrowserModelSpec = { type: 'wllama', file: 'SmolLM2-135M-Instruct.Q4_1.gguf', id: 'wllama:smollm2-135m', threads: 1 };

/** Where the app serves the models directory (web/live/serve-models-plugin.ts). */
export const MODELS_ROUTE = '/models/';
const ORT_ROUTE = '/ort/';

/** Loading progress: what is happening and, for downloads, how far. */
export type LoadProgress = (what: string, loaded?: number, total?: number) => void;

type Opener<T extends BrowserModelSpec['type']> = (spec: Extract<BrowserModelSpec, { type: T }>, progress: LoadProgress) => Promise<ModelBackend>;

const openers: { [T in BrowserModelSpec['type']]: Opener<T> } = {
  wllama: async (spec, progress) => {
    const { createWllamaBackend } = await import('./wllama-backend.ts');
    progress(`downloading ${spec.file}`);
    return createWllamaBackend({
      modelUrl: new URL(`${MODELS_ROUTE}${encodeURIComponent(spec.file)}`, self.location.origin).href,
      wasmUrl: new URL(wllamaWasmUrl, self.location.href).href,
      id: spec.id, threads: spec.threads, contextSize: spec.contextSize,
      onProgress: (loaded, total) => progress(`downloading ${spec.file}`, loaded, total),
    });
  },
  onnx: async (spec, progress) => {
    progress(`loading ${spec.folder} (transformers.js)`);
    const { env } = await import('@huggingface/transformers');
    const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number } };
    onnx.wasm ??= {};
    onnx.wasm.wasmPaths = new URL(ORT_ROUTE, self.location.origin).href;
    onnx.wasm.numThreads = Math.min(2, spec.threads ?? 1);
    env.useBrowserCache = false; // the files are on this origin already; no 540 MB copy in Cache Storage
    const device = spec.device === 'auto' || spec.device === undefined ? ((await webGpuAdapter()) ? 'webgpu' : 'wasm') : spec.device;
    progress(`loading ${spec.folder} (transformers.js, ${device})`);
    const { createOnnxBackend } = await import('../../agent/models/onnx/onnx-backend.ts');
    // localModelPath is the route as a path, not an http URL: transformers.js checks that
    // tokenizer_config.json exists only for non-URL local paths (get_file_metadata), and with a URL
    // it reported no tokenizer files — "Cannot read properties of undefined (reading 'tokenizer_class')".
    // A path fetches from this origin just the same (the worker's fetch resolves it).
    return createOnnxBackend({ modelDir: spec.folder, name: spec.folder, localModelPath: MODELS_ROUTE, device, threads: onnx.wasm.numThreads, allowRemoteModels: false });
  },
  openai: async (spec) => {
    const [{ parseOpenAiSpec }, { createOpenAiBackend }] = await Promise.all([import('../../agent/models/openai/open-openai-spec.ts'), import('../../agent/models/openai/openai-backend.ts')]);
    const { baseURL, model } = parseOpenAiSpec(spec.spec);
    return createOpenAiBackend({ baseURL, model, apiKey: spec.apiKey, timeoutMs: spec.timeoutMs });
  },
};

/** Whether WebGPU has an adapter here (headless browsers often expose `navigator.gpu` without one). */
async function webGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  return gpu ? (await gpu.requestAdapter().catch(() => null)) !== null : false;
}

/** Opens the model a spec names, in the current (worker or page) context. */
export function openBrowserModel(spec: BrowserModelSpec, progress: LoadProgress = () => {}): Promise<ModelBackend> {
  const opener = openers[spec.type] as Opener<BrowserModelSpec['type']> | undefined;
  if (!opener) {
    return Promise.reject(new ModelError('invalid-request', `unknown browser model type '${(spec as { type: unknown }).type}'; allowed: ${Object.keys(openers).join(', ')}`));
  }
  return opener(spec, progress);
}

/** A short name of a spec for the page. */
export function describeBrowserModel(spec: BrowserModelSpec): string {
  if (spec.type === 'wllama') return `${spec.file} (wllama, ${spec.threads ?? 1} thread${(spec.threads ?? 1) > 1 ? 's' : ''})`;
  if (spec.type === 'onnx') return `${spec.folder} (transformers.js, ${spec.device ?? 'auto'})`;
  return `${spec.spec} (OpenAI-compatible)`;
}
