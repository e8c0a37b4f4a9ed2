/**
 * Loads a transformers.js causal LM and its tokenizer. Browser-safe: paths are plain strings (an
 * absolute folder in Node, a URL path in the browser); nothing here touches the file system itself.
 */
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { ModelError } from '../model-error.ts';
import type { ForwardModel } from './onnx-decoder.ts';

/** Options for {@link createOnnxBackend} (and the loader behind it). */
export interface OnnxBackendOptions {
  /**
   * The model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model*.onnx): an
   * absolute path in Node, a URL path in the browser, or a name under `localModelPath`.
   */
  modelDir: string;
  /** Name in the model id (`onnx:<name>`); default: the folder's last path segment. */
  name?: string;
  /** Folder that relative model names are looked up in (transformers.js `env.localModelPath`). */
  localModelPath?: string;
  /** Weights variant: 'fp32' loads onnx/model.onnx, 'q8' onnx/model_quantized.onnx, … Default 'fp32'. */
  dtype?: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';
  /** transformers.js device ('cpu' in Node, 'wasm' or 'webgpu' in the browser); default: the library's. */
  device?: 'cpu' | 'wasm' | 'webgpu' | 'auto';
  /** Intra-op threads of onnxruntime; default: onnxruntime's (all cores). */
  threads?: number;
  /** Context window in tokens; default: the config's max_position_embeddings. */
  contextSize?: number;
  /** Reuse the KV cache of a shared prompt prefix between calls (default true). */
  prefixCache?: boolean;
  /**
   * Allow transformers.js to download from a model hub when the folder is not found locally.
   * Off by default: Hearth loads local folders only and never touches the network unasked.
   */
  allowRemoteModels?: boolean;
}

/** What a loaded model offers the backend. */
export interface LoadedOnnxModel {
  tokenizer: PreTrainedTokenizer;
  model: ForwardModel & { dispose(): Promise<unknown> };
  /** max_position_embeddings from config.json, when present. */
  maxPositions: number | undefined;
  /** Token ids that end generation: EOS ids from the configs plus every special token. */
  stopTokenIds: Set<number>;
}

/** Loads tokenizer and model from a local folder; every failure becomes ModelError `load-failed`. */
export async function loadOnnxModel(options: OnnxBackendOptions, modelId: string): Promise<LoadedOnnxModel> {
  const allowRemote = options.allowRemoteModels ?? false;
  // transformers.js reads these globals on every load; set them for each load so a later backend
  // opened with other options cannot leave remote loading switched on for this one.
  env.allowRemoteModels = allowRemote;
  env.allowLocalModels = true;
  if (options.localModelPath !== undefined) env.localModelPath = options.localModelPath;
  const common = { local_files_only: !allowRemote };
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(options.modelDir, common);
    const model = await AutoModelForCausalLM.from_pretrained(options.modelDir, {
      ...common,
      dtype: options.dtype ?? 'fp32',
      ...(options.device ? { device: options.device } : {}),
      ...(options.threads ? { session_options: { intraOpNumThreads: options.threads } } : {}),
    });
    const config = model.config as unknown as Record<string, unknown>;
    const generation = (model.generation_config ?? {}) as unknown as Record<string, unknown>;
    const stopTokenIds = new Set<number>([
      ...ids(config['eos_token_id']),
      ...ids(generation['eos_token_id']),
      ...tokenizer.all_special_ids.map(Number),
    ]);
    const maxPositions = typeof config['max_position_embeddings'] === 'number' ? config['max_position_embeddings'] : undefined;
    return { tokenizer, model: model as unknown as LoadedOnnxModel['model'], maxPositions, stopTokenIds };
  } catch (error) {
    throw new ModelError('load-failed', loadFailureMessage(options, allowRemote, error), { modelId, cause: error });
  }
}

function loadFailureMessage(options: OnnxBackendOptions, allowRemote: boolean, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const fix = allowRemote
    ? 'check the folder or model name'
    : 'remote loading is disabled (allowRemoteModels: false), so pass a local folder holding config.json, ' +
      'tokenizer.json and onnx/model.onnx — `hearth models fetch smollm2-135m-onnx` makes one — ' +
      'or opt in with allowRemoteModels: true';
  return `could not load the ONNX model "${options.modelDir}": ${detail}. Fix: ${fix}.`;
}

function ids(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  return Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];
}
