/**
 * What an OpenAI-compatible server offers beyond plain chat, and how to ask for it.
 *
 * Servers spell constrained decoding differently (llama.cpp: `grammar`; vLLM: `guided_choice` /
 * `guided_grammar` or, since 0.10, `structured_outputs`; OpenAI, Ollama, LM Studio:
 * `response_format` json_schema) and most silently ignore fields they do not know. So the server's
 * kind is read once from `GET /models` (`owned_by`), which gives the dialects worth trying, and a
 * choice dialect counts as working only after an answer actually came back as one of the choices.
 */
import { choicesGrammar } from '../choices-grammar.ts';

/** Which server family answered `GET /models` (from its `owned_by`). */
export type ServerKind = 'hearth' | 'llama.cpp' | 'vllm' | 'generic';

/** A way of asking the server to answer with exactly one of several strings. */
export type ChoiceDialect = 'guided_choice' | 'structured_outputs' | 'grammar' | 'json_schema';
/** A way of passing a GBNF grammar. */
export type GrammarDialect = 'grammar' | 'guided_grammar' | 'structured_outputs';
/** How candidate continuations are scored: Hearth's `/hearth/score`, or prompt log-probs via `/completions` echo. */
export type ScoringMethod = 'hearth' | 'echo';

/**
 * Capabilities of one server. `undefined` lists mean "not decided yet"; an empty list or `'none'`
 * means the server lacks the feature and the backend falls back (see `createOpenAiBackend`).
 */
export interface OpenAiCapabilities {
  kind: ServerKind;
  /** Whether `POST /completions` exists (raw prompts fall back to chat when not). */
  completions: boolean;
  /** Choice dialects to try, in order; the first that yields a choice is kept alone. */
  choice: ChoiceDialect[];
  grammar: GrammarDialect[];
  /** Scoring methods to try, in order; the first that works is kept alone. */
  scoring: ScoringMethod[];
  /** Context window reported by the server, when it reports one. */
  contextSize?: number;
  /** Whether `response_format` json_schema is accepted: undefined until tried, false once refused (the schema then goes into the prompt). */
  jsonSchema?: boolean;
}

const PRESETS: Record<ServerKind, Omit<OpenAiCapabilities, 'kind'>> = {
  hearth: { completions: true, choice: ['guided_choice'], grammar: ['grammar'], scoring: ['hearth'] },
  // llama-server rejects `echo` today (ggml-org/llama.cpp#8942), but a newer build may not: probe once.
  'llama.cpp': { completions: true, choice: ['grammar', 'json_schema'], grammar: ['grammar'], scoring: ['echo'] },
  vllm: { completions: true, choice: ['structured_outputs', 'guided_choice'], grammar: ['structured_outputs', 'guided_grammar'], scoring: ['echo'] },
  generic: { completions: true, choice: ['json_schema'], grammar: [], scoring: ['echo'] },
};

const OWNERS: Record<string, ServerKind> = { hearth: 'hearth', llamacpp: 'llama.cpp', 'llama.cpp': 'llama.cpp', vllm: 'vllm' };

/** Minimal shape of one `GET /models` entry that the detection reads. */
export interface ModelListEntry {
  id?: unknown;
  owned_by?: unknown;
  max_model_len?: unknown;
  context_length?: unknown;
  meta?: { n_ctx_train?: unknown } | null;
}

/** Capabilities for a server from its model list, overridden by what the caller already knows. */
export function capabilitiesFromModelList(
  entries: ModelListEntry[],
  model: string,
  known: Partial<OpenAiCapabilities> = {},
): OpenAiCapabilities {
  const entry = entries.find((candidate) => candidate.id === model) ?? entries[0];
  const kind = known.kind ?? OWNERS[String(entry?.owned_by ?? '').toLowerCase()] ?? 'generic';
  const contextSize = [entry?.context_length, entry?.max_model_len, entry?.meta?.n_ctx_train].find(
    (value): value is number => typeof value === 'number' && value > 0,
  );
  return { kind, ...PRESETS[kind], ...(contextSize ? { contextSize } : {}), ...known };
}

/** Capabilities when nothing is detected (e.g. `GET /models` is missing). */
export function genericCapabilities(known: Partial<OpenAiCapabilities> = {}): OpenAiCapabilities {
  return capabilitiesFromModelList([], '', known);
}

type BodyFields = Record<string, unknown>;

/** Request fields asking for one of `choices`, per dialect. */
export const choiceFields: Record<ChoiceDialect, (choices: string[]) => BodyFields> = {
  guided_choice: (choices) => ({ guided_choice: choices }),
  structured_outputs: (choices) => ({ structured_outputs: { choice: choices } }),
  grammar: (choices) => ({ grammar: choicesGrammar(choices) }),
  json_schema: (choices) => ({
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'choice',
        strict: true,
        schema: { type: 'object', properties: { choice: { type: 'string', enum: choices } }, required: ['choice'], additionalProperties: false },
      },
    },
  }),
};

/** Reads the chosen string back from the answer text, per dialect (json_schema wraps it in JSON). */
export const choiceReaders: Record<ChoiceDialect, (text: string) => string> = {
  guided_choice: (text) => text,
  structured_outputs: (text) => text,
  grammar: (text) => text,
  json_schema: (text) => {
    try {
      const parsed: unknown = JSON.parse(text);
      const choice = (parsed as { choice?: unknown } | null)?.choice;
      return typeof choice === 'string' ? choice : text;
    } catch {
      return text;
    }
  },
};

/** Request fields passing a GBNF grammar, per dialect. */
export const grammarFields: Record<GrammarDialect, (grammar: string) => BodyFields> = {
  grammar: (grammar) => ({ grammar }),
  guided_grammar: (grammar) => ({ guided_grammar: grammar }),
  structured_outputs: (grammar) => ({ structured_outputs: { grammar } }),
};

/** The capabilities as flat settings for `ModelInfo.settings`. */
export function capabilitySettings(capabilities: OpenAiCapabilities): Record<string, string | boolean> {
  return {
    serverKind: capabilities.kind,
    completions: capabilities.completions,
    choiceConstraint: capabilities.choice.join('|') || 'none',
    grammar: capabilities.grammar.join('|') || 'none',
    scoring: capabilities.scoring.join('|') || 'none',
  };
}
