/**
 * Helpers for harness tests: small specs, episodes with the scripted model in the two-room test
 * house, and accessors for the trace. Harness logic only — claims about model behaviour use the
 * real model.
 */
import { twoRoomHouse, type WorldSpec } from '../../../sim/index.ts';
import { createScriptedBackend, type ScriptedOptions } from '../../models/scripted-backend.ts';
import type { EventOf, Trace, TraceEventType } from '../../trace/trace-events.ts';
import { builtInParts } from '../all-parts.ts';
import { buildHarness } from '../build-harness.ts';
import type { HarnessSpec } from '../harness-spec.ts';
import type { PartRegistry } from '../part-registry.ts';
import { runEpisode } from '../run-episode.ts';

type Slots = Partial<Record<keyof HarnessSpec['slots'], unknown>>;

/** A spec with the chat prompt and a raw free-generation selector, plus `slots` and `texts`. */
export function testSpec(slots: Slots = {}, texts: Record<string, string> = {}): unknown {
  return { formatVersion: 1, name: 'test', slots: { promptBuilder: { part: 'chat-prompt' }, selector: { part: 'free-generation', params: { parse: 'raw' } }, ...slots }, texts };
}

/** Goal: put a hot mug on a countertop; the mug is in the closed cabinet 1, apple 2 in the closed fridge 1. */
export const testHouse = (stepLimit = 12): WorldSpec => twoRoomHouse({ stepLimit });

/** A plan that solves `testHouse`. */
export const HOT_MUG_PLAN = ['go to cabinet 1', 'open cabinet 1', 'take mug 1 from cabinet 1', 'go to microwave 1', 'heat mug 1 with microwave 1', 'go to countertop 1', 'put mug 1 in/on countertop 1'];

/** Runs `spec` on the test house with a scripted model (`replies`, then `look`). */
export function runScripted(spec: unknown, replies: ScriptedOptions['replies'] | ScriptedOptions, options: { registry?: PartRegistry; scenario?: WorldSpec; seed?: number } = {}): Promise<Trace> {
  const script = Array.isArray(replies) ? { replies, fallback: 'look' } : replies;
  return runEpisode({ scenario: options.scenario ?? testHouse(), seed: options.seed ?? 3, model: createScriptedBackend(script), harness: buildHarness(spec, options.registry ?? builtInParts) });
}

/** Every event of one type. */
export function eventsOf<T extends TraceEventType>(trace: Trace, type: T): EventOf<T>[] {
  return trace.events.filter((event): event is EventOf<T> => event.type === type);
}

/** The actions the world received, in order. */
export const applied = (trace: Trace): string[] => eventsOf(trace, 'action-apply').map((event) => event.action);

/** The episode-end event. */
export function endOf(trace: Trace): EventOf<'episode-end'> {
  const end = trace.events.at(-1);
  if (end?.type !== 'episode-end') throw new Error('the trace does not end with episode-end');
  return end;
}

/** The prompts (model-call inputs) as JSON text, in order. */
export const prompts = (trace: Trace): string[] => eventsOf(trace, 'model-call').map((event) => JSON.stringify(event.input));
