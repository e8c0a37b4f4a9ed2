/**
 * Request bodies `hearth serve-model` accepts, validated with zod. Unknown fields are ignored (as
 * OpenAI-compatible servers do: clients send many), known ones are checked strictly. Constraint
 * fields of every common dialect are accepted and reduced to one `choices` list, one `grammar` or
 * one JSON schema.
 */
import { z } from 'zod';

const textPart = z.looseObject({ type: z.literal('text'), text: z.string() });

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart)]),
});

const choiceList = z.array(z.string()).min(1).max(1000);

/** `response_format` json_schema: any JSON schema (a string enum, or an object with one, is answered as exact choices). */
const jsonSchemaFormat = z.looseObject({
  type: z.literal('json_schema'),
  json_schema: z.looseObject({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()) }),
});

const samplingFields = {
  model: z.string().optional(),
  max_tokens: z.int().min(1).max(32_768).nullish(),
  max_completion_tokens: z.int().min(1).max(32_768).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  seed: z.int().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(16)]).nullish(),
  n: z.literal(1, { error: 'only n = 1 is supported' }).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  grammar: z.string().min(1).optional(),
  guided_grammar: z.string().min(1).optional(),
  guided_choice: choiceList.optional(),
  structured_outputs: z.looseObject({ choice: choiceList.optional(), grammar: z.string().min(1).optional() }).optional(),
  response_format: z.union([z.looseObject({ type: z.literal('text') }), z.looseObject({ type: z.literal('json_object') }), jsonSchemaFormat]).optional(),
};

/** `POST /v1/chat/completions`. */
export const chatRequestSchema = z.looseObject({
  ...samplingFields,
  messages: z.array(messageSchema).min(1),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.int().min(0).max(20).nullish(),
});

/** `POST /v1/completions`. */
export const completionRequestSchema = z.looseObject({
  ...samplingFields,
  prompt: z.union([z.string(), z.array(z.string()).length(1, { error: 'batched prompts are not supported; send one prompt per request' })]),
  echo: z.boolean().nullish(),
  logprobs: z.int().min(0).max(20).nullish(),
});

/** `POST /v1/hearth/score` (Hearth extension): the backend's `scoreChoices`. */
export const scoreRequestSchema = z
  .looseObject({
    model: z.string().optional(),
    prompt: z.string().optional(),
    messages: z.array(messageSchema).min(1).optional(),
    candidates: z.array(z.string()).min(1).max(1000),
  })
  .refine((body) => (body.prompt === undefined) !== (body.messages === undefined), { error: 'give exactly one of `prompt` or `messages`' });

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;
export type CompletionRequestBody = z.infer<typeof completionRequestSchema>;
export type SamplingBody = ChatRequestBody | CompletionRequestBody;
export type WireMessage = z.infer<typeof messageSchema>;

/** How the answer must be shaped when the client used `response_format` json_schema. */
export interface JsonEnumShape {
  /** The property that holds the choice, or undefined when the schema is the string itself. */
  property: string | undefined;
}

/** Reads a string enum out of a json_schema response format; undefined when the schema is not one. */
export function enumFromJsonSchema(schema: Record<string, unknown>): { choices: string[]; shape: JsonEnumShape } | undefined {
  const asEnum = (value: unknown): string[] | undefined => {
    const candidate = (value as { enum?: unknown } | null)?.enum;
    return Array.isArray(candidate) && candidate.length > 0 && candidate.every((item) => typeof item === 'string') ? candidate : undefined;
  };
  const direct = asEnum(schema);
  if (direct) return { choices: direct, shape: { property: undefined } };
  const properties = schema.properties as Record<string, unknown> | undefined;
  const entries = properties && typeof properties === 'object' ? Object.entries(properties) : [];
  const only = entries.length === 1 ? entries[0]! : undefined;
  const nested = only ? asEnum(only[1]) : undefined;
  if (only && nested) return { choices: nested, shape: { property: only[0] } };
  return undefined;
}

/** Turns a zod error into one readable line naming the JSON path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
