/**
 * HTTP plumbing of `hearth serve-model`: bounded body reading, JSON and SSE answers, and errors in
 * OpenAI's `{"error": {message, type, code, param}}` shape with the right status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ModelError, type ModelErrorReason } from '../model-error.ts';
import { describeIssues } from './server-schemas.ts';

/** A request that cannot be served, with its HTTP status. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Reads and parses a JSON body (≤ 4 MB); an empty body is `undefined`. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, `request body exceeds ${MAX_BODY_BYTES} bytes`, 'body_too_large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined; // the schema then says what was expected
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpFailure(400, `request body is not valid JSON: ${(error as Error).message}`, 'invalid_json');
  }
}

/** Validates a parsed body, answering 400 with the JSON path of each problem. */
export function validate<T>(schema: z.ZodType<T>, body: unknown, endpoint: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new HttpFailure(400, `invalid ${endpoint} request: ${describeIssues(parsed.error)}`, 'invalid_request', first?.path.join('.'));
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  if (response.headersSent) return void response.end();
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

// Statuses a model failure maps to; 499 is nginx's "client closed request".
const MODEL_ERROR_STATUS: Record<ModelErrorReason, number> = {
  'invalid-request': 400,
  'context-overflow': 400,
  unsupported: 400,
  timeout: 504,
  cancelled: 499,
  'load-failed': 503,
  'http-status': 502,
  'connection-failed': 502,
  'malformed-response': 502,
  'truncated-response': 502,
};

/** Answers any thrown value as an OpenAI-style error. */
export function sendError(response: ServerResponse, error: unknown): void {
  let status = 500;
  let code = 'internal_error';
  let param: string | undefined;
  if (error instanceof HttpFailure) [status, code, param] = [error.status, error.code, error.param];
  else if (error instanceof ModelError) {
    status = MODEL_ERROR_STATUS[error.reason];
    code = error.reason === 'context-overflow' ? 'context_length_exceeded' : error.reason;
  }
  const type = status < 500 ? 'invalid_request_error' : 'server_error';
  const message = error instanceof Error ? error.message : String(error);
  if (response.headersSent) {
    // Mid-stream: an SSE error event, which OpenAI clients raise as an error.
    response.end(`data: ${JSON.stringify({ error: { message, type, code } })}\n\n`);
    return;
  }
  sendJson(response, status, { error: { message, type, code, param: param ?? null } });
}

/** Writes server-sent events in the OpenAI streaming format, ending with `[DONE]`. */
export function sendEvents(response: ServerResponse, events: unknown[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const event of events) response.write(`data: ${JSON.stringify(event)}\n\n`);
  response.end('data: [DONE]\n\n');
}
