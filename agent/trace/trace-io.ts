/** Writing and reading traces as JSONL, with line-numbered errors for bad input. */
import { hashJson } from '../../sim/index.ts';
import { traceEventSchema, traceHeaderSchema, type Trace } from './trace-events.ts';

export function traceToJsonl(trace: Trace): string {
  return [trace.header, ...trace.events].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

/** Parses JSONL; every problem names its line. */
export function parseTraceJsonl(text: string): Trace {
  const lines = text.split('\n').map((line, index) => ({ line, number: index + 1 })).filter(({ line }) => line.trim() !== '');
  if (lines.length === 0) throw new TraceFormatError(1, 'the trace is empty; expected a header line first');
  const parsed = lines.map(({ line, number }) => {
    try {
      return { value: JSON.parse(line) as unknown, number };
    } catch (error) {
      throw new TraceFormatError(number, `not JSON (${(error as Error).message})`);
    }
  });
  const header = traceHeaderSchema.safeParse(parsed[0]!.value);
  if (!header.success) throw new TraceFormatError(parsed[0]!.number, `bad header: ${header.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const events = parsed.slice(1).map(({ value, number }) => {
    const event = traceEventSchema.safeParse(value);
    if (!event.success) throw new TraceFormatError(number, `bad event: ${event.error.issues.map((i) => `${i.path.join('.') || 'type'}: ${i.message}`).join('; ')}`);
    return event.data;
  });
  return { header: header.data, events };
}

/** What a possibly cut trace holds: the events up to the first unreadable line, and why it stops there. */
export interface PartialTrace {
  trace: Trace;
  /** The first unreadable line (a crashed run cuts its last line mid-way), when there is one. */
  problem?: TraceFormatError;
  /** True when the trace has no episode-end event: the run stopped (or the file was cut) before the episode ended. */
  truncated: boolean;
}

/**
 * Like parseTraceJsonl, but keeps what is readable: the header must parse, then events are read up
 * to the first bad line. Throws only when not even the header can be read.
 */
export function parseTraceJsonlPartial(text: string): PartialTrace {
  const lines = text.split('\n').map((line, index) => ({ line, number: index + 1 })).filter(({ line }) => line.trim() !== '');
  if (lines.length === 0) throw new TraceFormatError(1, 'the trace is empty; expected a header line first');
  // The header decides whether there is a trace at all (parseTraceJsonl throws its error).
  const { header } = parseTraceJsonl(lines[0]!.line);
  const events: Trace['events'] = [];
  let problem: TraceFormatError | undefined;
  for (const { line, number } of lines.slice(1)) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problem = new TraceFormatError(number, `not JSON (${(error as Error).message})`);
      break;
    }
    const event = traceEventSchema.safeParse(value);
    if (!event.success) {
      problem = new TraceFormatError(number, `bad event: ${event.error.issues.map((i) => `${i.path.join('.') || 'type'}: ${i.message}`).join('; ')}`);
      break;
    }
    events.push(event.data);
  }
  return { trace: { header, events }, ...(problem ? { problem } : {}), truncated: events.at(-1)?.type !== 'episode-end' };
}

/** Hash of a trace without timings: equal for runs with the same inputs and greedy decoding. */
export function traceFingerprint(trace: Trace): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'timings').map(([key, child]) => [key, strip(child)]));
    return value;
  };
  return hashJson(strip(trace));
}
