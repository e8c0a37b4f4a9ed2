/**
 * An attribution signature: a trace feature that must appear if an edit is really used (a part's
 * control event, a selection by the new selector, a sentence in the prompt, or a prompt with one
 * text and without another — a list the edit took out). A candidate whose signature never shows in
 * its traces did not win by its edit, whatever its score.
 */
import { z } from 'zod';
import type { Trace } from '../trace/trace-events.ts';

export const signatureSchema = z.union([
  z.object({ event: z.enum(['control', 'action-select', 'action-repair', 'action-reject', 'subgoal-start', 'harness-rewrite']), part: z.string(), signal: z.string().optional() }).strict(),
  /** Some model call's input contains `promptContains` and (when given) not `promptLacks` (signatures written before it had only the first). */
  z.object({ promptContains: z.string().min(1), promptLacks: z.string().min(1).optional() }).strict(),
]);
export type AttributionSignature = z.infer<typeof signatureSchema>;

/** Does the trace show the signature? */
export function showsSignature(trace: Trace, signature: AttributionSignature): boolean {
  if ('promptContains' in signature) {
    const { promptContains, promptLacks } = signature;
    return trace.events.some((event) => {
      if (event.type !== 'model-call') return false;
      const input = JSON.stringify(event.input);
      return input.includes(promptContains) && (promptLacks === undefined || !input.includes(promptLacks));
    });
  }
  return trace.events.some((event) => event.type === signature.event && 'part' in event && event.part === signature.part && (!signature.signal || (event.type === 'control' && event.signal === signature.signal)));
}

/** A one-line description, for summaries. */
export function describeSignature(signature: AttributionSignature): string {
  if ('promptContains' in signature) return `prompt contains "${signature.promptContains}"${signature.promptLacks ? ` without "${signature.promptLacks}"` : ''}`;
  return `${signature.event} by ${signature.part}${signature.signal ? ` (${signature.signal})` : ''}`;
}
