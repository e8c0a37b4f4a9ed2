/**
 * An append-only log of finished episodes (JSONL, fsync'd after each line), with each episode's
 * trace in its own file written before its line. A run killed at any moment (even `kill -9`) loses
 * at most the episodes in flight: on reopening, a torn last line is cut off, and every logged
 * episode is found again by its key, so nothing is run twice. Evolution and the benchmark share it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { hashJson } from '../../sim/index.ts';
import { parseTraceJsonl, traceToJsonl } from '../trace/trace-io.ts';
import type { Trace } from '../trace/trace-events.ts';

export const EPISODE_RESULT_FORMAT_VERSION = 1 as const;

export const episodeResultSchema = z.object({
  formatVersion: z.literal(EPISODE_RESULT_FORMAT_VERSION),
  key: z.string(),
  behaviourId: z.string(),
  harnessId: z.string(),
  model: z.string(),
  chooser: z.enum(['model', 'null']),
  scenarioId: z.string(),
  seed: z.number().int(),
  success: z.boolean(),
  /** Score at the end, 0–1 of the task's maximum (environments with partial credit; absent in logs written before environments). */
  score: z.number().optional(),
  steps: z.number().int(),
  termination: z.string(),
  tokens: z.number(),
  /** Tokens the model computed (prompt tokens not served from the KV cache, plus completion); absent in logs written before it. */
  computedTokens: z.number().optional(),
  modelCalls: z.number(),
  /** Wall time of the episode (not part of any comparison of behaviour). */
  seconds: z.number(),
  /** Relative to the log's folder. */
  traceFile: z.string(),
}).strict();
export type EpisodeResult = z.infer<typeof episodeResultSchema>;

export interface EpisodeLog {
  readonly dir: string;
  get(key: string): EpisodeResult | undefined;
  /** Every logged result, in the order first appended. */
  all(): EpisodeResult[];
  /** Writes the trace, then appends and syncs the result line. */
  append(result: Omit<EpisodeResult, 'traceFile' | 'formatVersion'>, trace: Trace): EpisodeResult;
  readTrace(result: EpisodeResult): Trace;
  size(): number;
}

const LOG_FILE = 'episodes.jsonl';
const safeName = (text: string): string => text.replace(/[^a-zA-Z0-9._-]+/g, '_');

/** Cuts a torn last line (a write interrupted by a kill) so the next append starts clean. */
function repairTail(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (text === '' || text.endsWith('\n')) return;
  fs.truncateSync(file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
}

function readLog(file: string, readOnly: boolean): Map<string, EpisodeResult> {
  const results = new Map<string, EpisodeResult>();
  if (!fs.existsSync(file)) return results;
  if (!readOnly) repairTail(file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  // Read-only (another process may be writing): a last line without its newline is not finished yet.
  if (readOnly) lines.pop();
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const fail = (why: string) => new Error(`${file}:${index + 1}: not an episode result (${why}); the log was edited by hand — restore it or start a new folder`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw fail((error as Error).message);
    }
    const parsed = episodeResultSchema.safeParse(value);
    if (!parsed.success) throw fail(`${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    results.set(parsed.data.key, parsed.data);
  });
  return results;
}

function writeFileSynced(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/**
 * Opens (or creates) the log in `dir`. `readOnly` (reports, merge sources) changes nothing on disk
 * — a torn last line is skipped rather than cut, since a run may still be writing it — and refuses appends.
 */
export function openEpisodeLog(dir: string, options: { readOnly?: boolean } = {}): EpisodeLog {
  const readOnly = options.readOnly ?? false;
  if (!readOnly) fs.mkdirSync(path.join(dir, 'traces'), { recursive: true });
  const file = path.join(dir, LOG_FILE);
  const results = readLog(file, readOnly);
  return {
    dir,
    get: (key) => results.get(key),
    all: () => [...results.values()],
    size: () => results.size,
    append(partial, trace) {
      if (readOnly) throw new Error(`${dir}: the episode log was opened read-only`);
      // Readable, and unique by the whole key (physics included; names that clean up alike stay apart).
      const traceFile = path.join('traces', safeName(partial.behaviourId), `${safeName(`${partial.model}__${partial.chooser}__${partial.scenarioId}`)}__s${partial.seed}__${hashJson(partial.key).slice(0, 8)}.jsonl`);
      fs.mkdirSync(path.dirname(path.join(dir, traceFile)), { recursive: true });
      writeFileSynced(path.join(dir, traceFile), traceToJsonl(trace));
      const result = episodeResultSchema.parse({ formatVersion: EPISODE_RESULT_FORMAT_VERSION, ...partial, traceFile });
      const fd = fs.openSync(file, 'a');
      try {
        fs.writeSync(fd, `${JSON.stringify(result)}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      results.set(result.key, result);
      return result;
    },
    readTrace: (result) => parseTraceJsonl(fs.readFileSync(path.join(dir, result.traceFile), 'utf8')),
  };
}
