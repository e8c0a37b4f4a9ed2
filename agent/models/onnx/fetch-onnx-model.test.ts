import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPECTED_SHA256, fetchOnnxModel, OnnxExportError } from './fetch-onnx-model.ts';
import { DEFAULT_ONNX_MODEL } from './onnx-node.ts';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A models cache holding a small folder with a manifest; `corrupt` makes one file disagree with it. */
function cacheWithFolder(corrupt: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'hearth-onnx-fetch-'));
  roots.push(root);
  const dir = join(root, DEFAULT_ONNX_MODEL);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  // The real file set (so the folder counts as the current layout), with tiny contents.
  const files = Object.fromEntries(Object.keys(EXPECTED_SHA256).map((name) => [name, `content of ${name}`]));
  const manifest: Record<string, { bytes: number; sha256: string }> = {};
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), corrupt && name === 'onnx/model.onnx' ? text.toUpperCase() : text);
    manifest[name] = { bytes: text.length, sha256: createHash('sha256').update(text).digest('hex') };
  }
  writeFileSync(join(dir, 'hearth-onnx-manifest.json'), JSON.stringify({ formatVersion: 1, files: manifest }));
  return root;
}

describe('fetchOnnxModel', () => {
  it('keeps a complete cached folder without running Python', async () => {
    const lines: string[] = [];
    const result = await fetchOnnxModel({ modelsDir: cacheWithFolder(false), python: '/nonexistent/python', onProgress: (l) => lines.push(l) });
    expect(result).toMatchObject({ reused: true, reproduced: false });
    expect(Object.keys(result.sha256).sort()).toEqual(Object.keys(EXPECTED_SHA256).sort());
    expect(lines.join('\n')).toMatch(/nothing to do/);
  });

  it('rebuilds a folder of an older layout', async () => {
    const root = cacheWithFolder(false);
    rmSync(join(root, DEFAULT_ONNX_MODEL, 'onnx', 'model.onnx_data'));
    const manifestPath = join(root, DEFAULT_ONNX_MODEL, 'hearth-onnx-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, unknown> };
    delete manifest.files['onnx/model.onnx_data'];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const error = await fetchOnnxModel({ modelsDir: root, python: '/nonexistent/python', onProgress: () => undefined }).catch((e: unknown) => e);
    expect((error as OnnxExportError).step).toBe('python version');
  });

  it('rebuilds a folder whose files disagree with its manifest, failing with the step that broke', async () => {
    const error = await fetchOnnxModel({ modelsDir: cacheWithFolder(true), python: '/nonexistent/python', onProgress: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OnnxExportError);
    expect((error as OnnxExportError).step).toBe('python version');
    expect((error as OnnxExportError).message).toMatch(/\/nonexistent\/python/);
  });
});
