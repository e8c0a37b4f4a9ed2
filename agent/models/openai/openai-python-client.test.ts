/**
 * `hearth serve-model` as the official `openai` Python package sees it: testing/openai_client_check.py
 * (chat, streaming, per-token logprobs, 404, a bad request) against the server serving the real
 * default model. The package lives in a venv under .cache (installed by .ci/run); without it the
 * test is skipped, unless HEARTH_REQUIRE_OPENAI_PY=1 (as in CI) makes it fail instead.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelBackend } from '../model-backend.ts';
import { DEFAULT_MODEL_ID } from '../catalog/model-catalog.ts';
import { openDefaultModel } from '../../../test-support/real-model.ts';
import { startModelServer, type ModelServer } from './model-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = path.join(here, '..', '..', '..', '.cache', 'openai-py-venv', 'bin', 'python');
const script = path.join(here, 'testing', 'openai_client_check.py');
const available = fs.existsSync(python);
const BOUND = 120_000;

describe.skipIf(!available && !process.env.HEARTH_REQUIRE_OPENAI_PY)('hearth serve-model through the official openai Python package (real default model)', () => {
  let backend: ModelBackend;
  let server: ModelServer;
  beforeAll(async () => {
    if (!available) throw new Error(`HEARTH_REQUIRE_OPENAI_PY is set but ${python} is missing; create it as .ci/run does: python3 -m venv .cache/openai-py-venv && .cache/openai-py-venv/bin/pip install openai`);
    backend = await openDefaultModel();
    server = await startModelServer({ backend, modelName: DEFAULT_MODEL_ID });
  }, BOUND);
  afterAll(async () => {
    await server?.close();
    await backend?.close();
  });

  it('passes every check of openai_client_check.py and sees the text the model generates', { timeout: BOUND }, async () => {
    // Asynchronous on purpose: the server answering the script runs in this process.
    const run = await promisify(execFile)(python, [script, server.url, DEFAULT_MODEL_ID], { timeout: BOUND - 10_000 }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`openai_client_check.py failed: ${error.stderr || error.message}`);
    });
    const seen = JSON.parse(run.stdout) as { chat: string; logprobs: [string, number][]; not_found: { status: number; code: string }; bad_request: { status: number; param: string } };
    const direct = await backend.generate({ messages: [{ role: 'user', content: 'Name one room of a house.' }], maxTokens: 8 });
    expect(seen.chat).toBe(direct.text);
    expect(seen.logprobs.map(([token]) => token).join('')).toBe(direct.text);
    expect(seen.not_found).toMatchObject({ status: 404, code: 'model_not_found' });
    expect(seen.bad_request).toMatchObject({ status: 400, param: 'temperature' });
  });
});
