/**
 * Fine-tuning data from a run folder's successful episodes, in the chat format most SFT tools read.
 *
 * Each line of the output is one model decision that chose the action the world then applied, in
 * a successful episode driven by a model (never the null chooser: it reads no prompt):
 *
 *   {"messages": [...the messages of the selector's deciding model call, exactly as recorded in
 *                 the trace (a raw-prompt call becomes one user message),
 *                 {"role": "assistant", "content": the model's raw output of that call}],
 *    "hearth": {scenarioId, seed, step, action, model, harnessId, selector, call}}
 *
 * The deciding call is the selector's last model call of the step before its final action-select
 * (a selector that thinks first makes two calls: the thought's, then the choice's, whose prompt
 * already holds the thought; only the choice is exported). A scoring selector (`score` calls)
 * writes no text, so its assistant content is the chosen candidate. A step is left out when
 * nothing there is a clean example of the model choosing the applied action:
 * - no model chose (one candidate left, the null chooser) or the call failed: `noModelCall`;
 * - the selector guessed the action from unreadable text (`guessed`): `guessed`;
 * - a part repaired or rejected the chosen action after the final selection: `repaired`;
 * - a control part replaced it (the applied action differs from the chosen one): `replaced`;
 * - the world refused the action (the episode succeeded anyway): `refused`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EventOf, Trace, TraceEvent } from '../trace/trace-events.ts';
import { ReportInputError, readRunEpisodes, readTraceOf } from './read-run.ts';

export interface SftLine {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  hearth: { scenarioId: string; seed: number; step: number; action: string; model: string; harnessId: string; selector: string; call: 'generate' | 'score' };
}

export type SkipReason = 'noModelCall' | 'guessed' | 'repaired' | 'replaced' | 'refused';

export interface SftExport {
  lines: SftLine[];
  /** Episodes in the log, successful ones with a model choosing, and the steps left out by reason. */
  episodes: number;
  usedEpisodes: number;
  skipped: Record<SkipReason, number>;
}

const chatMessage = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
const callInput = z.union([z.object({ messages: z.array(chatMessage) }), z.object({ prompt: z.string() })]);

/** The events of each step (1-based), in order. */
function bySteps(trace: Trace): Map<number, TraceEvent[]> {
  const steps = new Map<number, TraceEvent[]>();
  for (const event of trace.events) steps.set(event.step, [...(steps.get(event.step) ?? []), event]);
  return steps;
}

/** One step as a training line, or why it is not one. */
function stepLine(events: TraceEvent[], trace: Trace): SftLine | SkipReason | null {
  const applied = events.find((e): e is EventOf<'action-apply'> => e.type === 'action-apply');
  const selectIndex = events.findLastIndex((e) => e.type === 'action-select');
  if (!applied || selectIndex < 0) return null;
  const select = events[selectIndex] as EventOf<'action-select'>;
  const call = events.slice(0, selectIndex).findLast((e): e is EventOf<'model-call'> => e.type === 'model-call' && e.part === select.part);
  if (!call || call.error) return 'noModelCall';
  if (select.guessed) return 'guessed';
  if (events.slice(selectIndex).some((e) => e.type === 'action-repair' || e.type === 'action-reject')) return 'repaired';
  if (applied.action !== select.action) return 'replaced';
  if (!applied.success) return 'refused';
  const input = callInput.safeParse(call.input);
  if (!input.success) return 'noModelCall';
  const messages = 'messages' in input.data ? input.data.messages : [{ role: 'user' as const, content: input.data.prompt }];
  const content = call.kind === 'score' ? select.action : typeof call.output === 'string' ? call.output : null;
  if (content === null) return 'noModelCall';
  const { header } = trace;
  return {
    messages: [...messages, { role: 'assistant', content }],
    hearth: { scenarioId: header.scenario.id, seed: header.scenario.seed, step: applied.step, action: applied.action, model: header.model.id, harnessId: header.harnessId, selector: select.part, call: call.kind },
  };
}

/** The training lines of one successful, model-driven episode, and the steps left out. */
export function sftLinesOf(trace: Trace, skipped: Record<SkipReason, number>): SftLine[] {
  const lines: SftLine[] = [];
  for (const [step, events] of bySteps(trace)) {
    if (step === 0) continue;
    const line = stepLine(events, trace);
    if (line === null) continue;
    if (typeof line === 'string') skipped[line] += 1;
    else lines.push(line);
  }
  return lines;
}

/** Reads a run folder (benchmark or evolution) and collects its training lines. */
export function exportSft(dir: string): SftExport {
  const { log, results } = readRunEpisodes(dir);
  const skipped: Record<SkipReason, number> = { noModelCall: 0, guessed: 0, repaired: 0, replaced: 0, refused: 0 };
  const used = results.filter((result) => result.success && result.chooser === 'model');
  const lines = used.flatMap((result) => sftLinesOf(readTraceOf(log, result), skipped));
  return { lines, episodes: results.length, usedEpisodes: used.length, skipped };
}

/** Writes the lines as JSONL (creating the folder); refuses to write an empty file. */
export function writeSft(data: SftExport, dir: string, out: string): void {
  if (data.lines.length === 0) {
    throw new ReportInputError(`${dir}: no training lines — of ${data.episodes} episodes, ${data.usedEpisodes} succeeded with a model choosing, and none of their steps was a clean model decision; run more episodes with a model (not the null chooser)`);
  }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, data.lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
}
