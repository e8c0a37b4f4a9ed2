/**
 * What a scenario file may be before it is parsed at all: a regular file of at most 2 MB of text
 * (no NUL bytes), JSON nested at most 2,500 levels, and a goal tree at most 32 levels deep. Anything
 * else is refused with a sentence saying what it is, what is allowed and how to fix it — never by
 * blocking (a FIFO), exhausting memory (`/dev/zero`) or overflowing the stack (deep nesting).
 */
import fs from 'node:fs';

export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;
/** Far beyond any scenario (about 10 levels, a goal tree at most 32 of its own) and well within what the JSON parser's recursion survives (≈ 4,000). */
export const MAX_JSON_DEPTH = 2500;
export const MAX_GOAL_DEPTH = 32;

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

/** The offset where JSON text first nests deeper than MAX_JSON_DEPTH (brackets outside strings), or -1. */
export function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/**
 * The JSON path of the first goal node deeper than MAX_GOAL_DEPTH in a parsed (not yet
 * schema-checked) scenario, or null. Walks with its own stack.
 */
export function goalTooDeep(value: unknown): (string | number)[] | null {
  const root = (value as { goal?: { tree?: unknown } } | null)?.goal?.tree;
  const stack: { node: unknown; depth: number; path: (string | number)[] }[] = [{ node: root, depth: 1, path: ['goal', 'tree'] }];
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > MAX_GOAL_DEPTH) return path;
    const { goal, goals } = node as { goal?: unknown; goals?: unknown };
    if (goal !== undefined) stack.push({ node: goal, depth: depth + 1, path: [...path, 'goal'] });
    if (Array.isArray(goals)) goals.forEach((child, index) => stack.push({ node: child, depth: depth + 1, path: [...path, 'goals', index] }));
  }
  return null;
}
