/**
 * A part is a factory with a parameter schema. It declares its kind, the hooks it serves and, per
 * hook, which turn fields it may change; the runner checks that contract after every call.
 */
import type { z } from 'zod';
import type { ModelBackend, GenerateRequest, GenerateResult, ScoreRequest, ScoreResult } from '../models/model-backend.ts';
import type { HarnessView } from './harness-view.ts';
import type { HookName, TurnField, TurnState } from './hooks.ts';
import type { TraceEventInput } from '../trace/trace-events.ts';

export const PART_KINDS = ['summarizer', 'decomposer', 'prompt-builder', 'selector', 'validator', 'memory', 'control'] as const;
export type PartKind = (typeof PART_KINDS)[number];

/** What a hook receives. `store` is the part's own memory for the episode. */
export interface HookContext {
  view: HarnessView;
  turn: TurnState;
  store: Record<string, unknown>;
  /** Lessons/exemplars carried across episodes (read-only here; written by evolution). */
  texts: Record<string, string>;
  emit(event: TraceEventInput): void;
}

/** What a selector receives: the assembled chat and a model that records each call in the trace. */
export interface SelectContext extends HookContext {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  generate(request: GenerateRequest): Promise<GenerateResult>;
  scoreChoices(request: ScoreRequest): Promise<ScoreResult>;
  modelInfo: ModelBackend['info'];
}

export type Hook = (context: HookContext) => void | Promise<void>;

export interface PartInstance {
  hooks: Partial<Record<HookName, Hook>>;
  /** Selectors only: choose an action text (validated later). */
  select?(context: SelectContext): Promise<{ action: string; thought?: string; guessed?: boolean }>;
  /** Prompt builders only: turn sections and rules into chat messages. */
  build?(turn: TurnState, view: HarnessView): SelectContext['messages'];
}

export interface PartDefinition<P extends z.ZodType = z.ZodType> {
  kind: PartKind;
  name: string;
  description: string;
  params: P;
  /** Per hook, the turn fields the part may change there. Hooks not listed may change nothing. */
  mayChange: Partial<Record<HookName, TurnField[]>>;
  create(params: z.infer<P>): PartInstance;
}

/** Declares a part (identity function that keeps the parameter type). */
export function definePart<P extends z.ZodType>(definition: PartDefinition<P>): PartDefinition<P> {
  return definition;
}
