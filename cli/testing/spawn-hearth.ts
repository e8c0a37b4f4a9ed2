/** Test helper: runs `hearth` as a child process, optionally killing it (SIGKILL) once a log file has enough lines. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bin = path.resolve('cli/bin.js');

/** The non-empty lines of a file ([] when it does not exist yet). */
export const fileLines = (file: string): string[] => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

/** Runs `hearth ...args`; with `kill`, sends SIGKILL as soon as `kill.file` has `kill.lines` lines. */
export function spawnHearth(args: string[], kill?: { file: string; lines: number }): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const poll = kill ? setInterval(() => {
      if (fileLines(kill.file).length >= kill.lines) child.kill('SIGKILL');
    }, 2) : null;
    child.on('exit', (code, signal) => {
      if (poll) clearInterval(poll);
      resolve({ code, signal, stderr: stderr.slice(-2000) });
    });
  });
}
