/** Test helper: runs the `hearth` CLI in-process and captures what it prints. */
import { vi } from 'vitest';
import { main } from '../main.ts';

/** Runs `hearth ...args`; returns the exit code and everything printed to stdout and stderr. */
export async function hearth(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  process.exitCode = undefined;
  const code = await main(['node', 'hearth', ...args]);
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}
