/**
 * hearth-onnx-manifest.json: written by export/export-onnx.py beside an exported model; says where
 * the model came from, which exporter stack made it, and the size and sha256 of every file.
 * Node-only (reads the file system).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const ONNX_MANIFEST_FILE = 'hearth-onnx-manifest.json';

const fileEntry = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** Schema of the manifest (formatVersion 1). */
export const onnxManifestSchema = z.object({
  formatVersion: z.literal(1),
  source: z.object({ gguf: z.string(), sha256: z.string() }).optional(),
  exporter: z.record(z.string(), z.string()).optional(),
  check: z.object({ maxLogitDiff: z.number(), topNextToken: z.string() }).optional(),
  files: z.record(z.string(), fileEntry),
});

/** A parsed hearth-onnx-manifest.json. */
export type OnnxManifest = z.infer<typeof onnxManifestSchema>;

/** The manifest of a model folder, undefined when absent; throws with the JSON path when malformed. */
export function readOnnxManifest(dir: string): OnnxManifest | undefined {
  const path = join(dir, ONNX_MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  const parsed = onnxManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(
    `${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}. ` +
      'Fix: delete the folder and run `hearth models fetch smollm2-135m-onnx` again.',
  );
}
