/**
 * Asking an OpenAI-compatible server for JSON that matches a schema: `response_format`
 * json_schema (OpenAI, Ollama, LM Studio, vLLM, llama.cpp's server), or — for a server that
 * refuses that field — the schema written into the prompt, which a model may or may not follow
 * (the caller validates the answer either way).
 */
import type { ChatMessage, GenerateRequest } from '../model-backend.ts';

/** The request field asking for JSON matching `schema`. */
export function jsonSchemaFields(schema: Record<string, unknown>, name = 'answer'): Record<string, unknown> {
  return { response_format: { type: 'json_schema', json_schema: { name, schema, strict: true } } };
}

/** The instruction that stands in for the constraint when the server refuses it. */
export function jsonInstruction(schema: Record<string, unknown>): string {
  return `Answer with one JSON value and nothing else (no prose, no code fence), matching this JSON Schema:\n${JSON.stringify(schema)}`;
}

/** The request with the JSON instruction appended to its last user message (or its raw prompt). */
export function withJsonInstruction(request: GenerateRequest, schema: Record<string, unknown>): GenerateRequest {
  const { jsonSchema: _asked, ...rest } = request;
  const instruction = jsonInstruction(schema);
  if ('prompt' in rest) return { ...rest, prompt: `${rest.prompt}\n\n${instruction}\n` };
  const messages: ChatMessage[] = [...rest.messages];
  const last = messages.map((message) => message.role).lastIndexOf('user');
  if (last < 0) messages.push({ role: 'user', content: instruction });
  else messages[last] = { ...messages[last]!, content: `${messages[last]!.content}\n\n${instruction}` };
  return { ...rest, messages };
}
