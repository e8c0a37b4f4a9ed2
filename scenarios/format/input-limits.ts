/**
 * What a scenario file may be before it is parsed at all: a regular file of at most 2 MB of text
 * (no NUL bytes), JSON nested at most 2,500 levels, and a goal tree at most 32 levels deep. Anything
 * else is refused with a sentence saying what it is, what is allowed and how to fix it — never by
 * blocking (a FIFO), exhausting memory (`/dev/zero`) or overflowing the stack (deep nesting).
 */
import fs from 'node:fs';

// The limits that need no file system live in json-limits.ts (the browser app uses them too).
export { MAX_JSON_DEPTH, MAX_GOAL_DEPTH, tooDeepAt, goalTooDeep } from './json-limits.ts';

export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;

export type TextResult = { ok: true; text: string } | { ok: false; message: string };

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const tooBig = (bytes: number): string => `the file is ${megabytes(bytes)}; a scenario file may be at most ${megabytes(MAX_SCENARIO_BYTES)} (a four-room house is about 10 kB); split it or remove what it does not need`;

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The file's text, or why it cannot be a scenario file. Reads at most the size limit plus one byte. */
export function readScenarioText(file: string): TextResult {
  let fd: number | undefined;
  try {
    // stat first: opening a FIFO would block until someone writes to it.
    const stat = fs.statSync(file);
    if (!stat.isFile()) return { ok: false, message: `this is ${kindOf(stat)}, not a scenario file; name a .json file${stat.isDirectory() ? ' (hearth scenarios validate also takes a folder and checks every .json under it)' : ''}` };
    if (stat.size > MAX_SCENARIO_BYTES) return { ok: false, message: tooBig(stat.size) };
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return { ok: false, message: 'the file stopped being a regular file while it was opened; name a .json file' };
    const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_SCENARIO_BYTES) return { ok: false, message: tooBig(length) };
    const nul = buffer.subarray(0, length).indexOf(0);
    if (nul !== -1) return { ok: false, message: `this is not a text file (a NUL byte at byte ${nul}); a scenario file is JSON text` };
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { ok: false, message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
