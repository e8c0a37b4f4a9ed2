/**
 * What a scenario file may be before it is parsed at all: a regular file of at most 2 MB of text
 * (UTF-8: no NUL bytes, not UTF-16, no invalid byte sequences), JSON nested at most 2,500 levels, and a goal tree at most 32 levels deep. Anything
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

/** A UTF-16 byte-order mark, or ASCII text with a NUL beside every character (UTF-16 without a mark). */
export function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const sample = Math.min(bytes.length - (bytes.length % 2), 64);
  if (sample < 4) return false;
  for (const zeroFirst of [false, true]) {
    let matches = true;
    for (let i = 0; i < sample && matches; i += 2) {
      const [zero, other] = zeroFirst ? [bytes[i], bytes[i + 1]] : [bytes[i + 1], bytes[i]];
      matches = zero === 0 && other !== 0 && other! < 0x80;
    }
    if (matches) return true;
  }
  return false;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const [extra, min] = b >= 0xc2 && b <= 0xdf ? [1, 0x80] : b >= 0xe0 && b <= 0xef ? [2, 0x800] : b >= 0xf0 && b <= 0xf4 ? [3, 0x10000] : [-1, 0];
    if (extra < 0 || i + extra >= bytes.length) return i;
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
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
    const bytes = buffer.subarray(0, length);
    if (looksLikeUtf16(bytes)) return { ok: false, message: 'the file looks like UTF-16: save it as UTF-8' };
    const nul = bytes.indexOf(0);
    if (nul !== -1) return { ok: false, message: `this is not a text file (a NUL byte at byte ${nul}); a scenario file is JSON text` };
    const invalid = invalidUtf8At(bytes);
    if (invalid !== -1) return { ok: false, message: `invalid UTF-8 at byte ${invalid}: the file is in another encoding (Latin-1 or Windows-1252?); save it as UTF-8` };
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { ok: false, message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
