/**
 * Lenient text → Action. Forgives case, spacing, punctuation, articles, "apple1", spaced type
 * names ("sink basin 1"), common synonyms ("pick up", "place", "turn on", "wash") and "in", "on"
 * or "in/on". Names are passed through a resolver (from the env) that can fill in a missing
 * number from what the agent sees; a name it cannot place stays as written and the handler
 * reports it. Text matching no pattern is `unknown-action`; names of unknown types, `unknown-target`.
 */
import { isKnownType, TYPE_ALIASES } from './catalog.ts';
import type { Action } from './env-api.ts';

/** What the parser may ask the env: where the agent is, what it holds, how to complete a name. */
export interface ParseContext {
  at: string | null;
  holding: string | null;
  /** Completes/normalises a name (e.g. `fridge` → `fridge 1` when unique); returns it unchanged otherwise. */
  resolve(name: string): string;
}

export type ParseResult =
  | { ok: true; action: Action }
  | { ok: false; reason: 'unknown-action' | 'unknown-target'; message: string; name?: string };

type Build = (m: string[], ctx: ParseContext) => Action;
const TOOL = '(?:with|using|in|on|at|under)';
const INTO = '(?:in/on|in / on|into|onto|inside|in to|on to|in|on|to|at)';

// Order matters: specific forms first ("look at X" before "look", "move X to Y" before "move to X").
const PATTERNS: [RegExp, Build][] = [
  [/^(?:look|l|look around)$/, () => ({ type: 'look' })],
  [/^(?:inventory|inv|i|check inventory|show inventory)$/, () => ({ type: 'inventory' })],
  [/^(?:examine|inspect|check|x|look at|look in|read|study) (.+)$/, (m) => ({ type: 'examine', target: m[1]! })],
  [new RegExp(`^(?:put|place|set|move|drop|insert|store|leave) (.+?) ${INTO} (.+)$`), (m) => ({ type: 'put', object: m[1]!, into: m[2]! })],
  [/^(?:put down|drop|place|put|set down) (.+?)(?: down)?$/, (m, c) => ({ type: 'put', object: m[1]!, into: c.at ?? '' })],
  [/^(?:push|shove|nudge|move) (.+?) (?:aside|away|out of the way)$/, (m) => ({ type: 'push', target: m[1]! })],
  [/^(?:go|walk|move|navigate|head|travel|run|goto) (?:to |towards |over to |back to )?(.+)$/, (m) => ({ type: 'go-to', target: m[1]! })],
  [/^(?:take|pick up|pickup|get|grab|fetch|collect|remove) (.+?) (?:from|off|out of|off of|in|on|at) (.+)$/, (m) => ({ type: 'take', object: m[1]!, from: m[2]! })],
  [/^pick (.+?) up(?: from (.+))?$/, (m, c) => ({ type: 'take', object: m[1]!, from: m[2] ?? c.at ?? '' })],
  [/^(?:take|pick up|pickup|get|grab|fetch|collect) (.+)$/, (m, c) => ({ type: 'take', object: m[1]!, from: c.at ?? '' })],
  [/^(?:open) (.+)$/, (m) => ({ type: 'open', target: m[1]! })],
  [/^(?:close|shut) (.+)$/, (m) => ({ type: 'close', target: m[1]! })],
  [/^(?:use|toggle|turn on|turn off|switch on|switch off|switch|turn|light|activate) (.+?)(?: on| off)?$/, (m) => ({ type: 'toggle', target: m[1]! })],
  [new RegExp(`^(?:heat|warm|cook|microwave) (.+?) ${TOOL} (.+)$`), (m) => ({ type: 'heat', object: m[1]!, with: m[2]! })],
  [new RegExp(`^(?:cool|chill|refrigerate|freeze) (.+?) ${TOOL} (.+)$`), (m) => ({ type: 'cool', object: m[1]!, with: m[2]! })],
  [new RegExp(`^(?:clean|wash|rinse) (.+?) ${TOOL} (.+)$`), (m) => ({ type: 'clean', object: m[1]!, with: m[2]! })],
  [/^(?:heat|warm|cook) (.+)$/, (m, c) => ({ type: 'heat', object: m[1]!, with: c.at ?? '' })],
  [/^(?:cool|chill) (.+)$/, (m, c) => ({ type: 'cool', object: m[1]!, with: c.at ?? '' })],
  [/^(?:clean|wash|rinse) (.+)$/, (m, c) => ({ type: 'clean', object: m[1]!, with: c.at ?? '' })],
  [/^(?:slice|cut|chop) (.+?) (?:with|using) (.+)$/, (m) => ({ type: 'slice', object: m[1]!, with: m[2]! })],
  [/^(?:slice|cut|chop) (.+)$/, (m, c) => ({ type: 'slice', object: m[1]!, with: c.holding ?? '' })],
  [/^(?:push|shove|nudge) (.+)$/, (m) => ({ type: 'push', target: m[1]! })],
];

const ARTICLES = new Set(['a', 'an', 'the', 'some', 'my', 'your']);

/** Joins "sink basin" → "sinkbasin" when the joined word is a catalog type or alias. */
function joinTypeWords(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const joined = tokens[i]! + (tokens[i + 1] ?? '');
    if (i + 1 < tokens.length && (isKnownType(joined) || joined in TYPE_ALIASES)) {
      out.push(joined);
      i++;
    } else out.push(tokens[i]!);
  }
  return out;
}

/** Lower case, no punctuation or articles, "apple1" → "apple 1", spaced type names joined. */
export function normalizeActionText(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/^\s*(?:action|act|command|>)\s*[:>]?\s*/, '')
    .replace(/[`"'*.!?;,()[\]{}]/g, ' ')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/\s*\/\s*/g, '/')
    .trim();
  const tokens = cleaned.split(/\s+/).filter((t) => t.length > 0 && !ARTICLES.has(t));
  return joinTypeWords(tokens).join(' ');
}

/** Maps alias types ("table 1" → "diningtable 1") before the env's resolver sees the name. */
function canonicalName(name: string): string {
  const match = /^([a-z]+)(?: (\d+))?$/.exec(name);
  if (!match) return name;
  const type = TYPE_ALIASES[match[1]!] && !isKnownType(match[1]!) ? TYPE_ALIASES[match[1]!]! : match[1]!;
  return match[2] ? `${type} ${match[2]}` : type;
}

function namesOf(action: Action): string[] {
  return Object.entries(action).filter(([key]) => key !== 'type').map(([, value]) => value as string);
}

function isKnownName(name: string): boolean {
  const match = /^([a-z]+)(?: \d+)?$/.exec(name);
  return match !== null && (isKnownType(match[1]!) || match[1] === 'door');
}

/** Parses one action text. Pure apart from the context's resolver. */
export function parseAction(text: string, ctx: ParseContext): ParseResult {
  const normalized = normalizeActionText(text);
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(normalized);
    if (!match) continue;
    const raw = build(match, ctx);
    const action = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, k === 'type' ? v : ctx.resolve(canonicalName(v as string))])) as Action;
    const unknown = namesOf(action).find((name) => !isKnownName(name));
    if (unknown !== undefined) {
      const what = unknown === '' ? 'something to act on' : `"${unknown}"`;
      return { ok: false, reason: 'unknown-target', name: unknown, message: `I understood the verb but not ${what}.` };
    }
    return { ok: true, action };
  }
  return { ok: false, reason: 'unknown-action', message: `"${text.trim()}" is not an action I know.` };
}
