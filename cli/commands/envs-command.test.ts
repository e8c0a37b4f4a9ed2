/** `hearth envs list|install`: what each peer's state is, and names checked before any install. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hearth } from '../testing/run-hearth.ts';

let root: string;
const saved = process.env.HEARTH_ENVS_DIR;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-envs-cli-'));
  process.env.HEARTH_ENVS_DIR = root;
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  if (saved === undefined) delete process.env.HEARTH_ENVS_DIR;
  else process.env.HEARTH_ENVS_DIR = saved;
});

describe('hearth envs', () => {
  it('list: each peer, not installed with the command that installs it, its venv folder and suites', async () => {
    const { code, out } = await hearth('envs', 'list');
    expect(code).toBe(0);
    expect(out).toContain(`peer venvs: ${root}`);
    expect(out).toMatch(/alfworld\s+not installed — run: hearth envs install alfworld/);
    expect(out).toContain(`venv ${root}/alfworld-`);
    expect(out).toMatch(/suite alfworld:valid_seen \(50 steps\)/);
  });

  it('install: an unknown name is a usage error with the closest name; nothing is built', async () => {
    const { code, err } = await hearth('envs', 'install', 'alfwrld');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown environment 'alfwrld' — did you mean 'alfworld'\?/);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
