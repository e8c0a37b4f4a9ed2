/**
 * A tiny scripted HTTP server on 127.0.0.1 for fault-injection tests of the OpenAI-compatible
 * backend: each request takes the next behaviour from a script (hang, fail with a status, answer
 * malformed or truncated, drop the connection …). Hanging sockets are destroyed on `close()`, so
 * no test can leave a connection open.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake does with one request. */
export type FakeBehaviour =
  | { type: 'chat'; text: string; finishReason?: string }
  | { type: 'completion'; text: string }
  | { type: 'models'; ownedBy: string }
  | { type: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { type: 'raw'; contentType: string; body: string }
  | { type: 'hang' }
  | { type: 'reset' }
  | { type: 'truncated-body' }
  | { type: 'stream'; chunks: unknown[]; ending: 'done' | 'clean-close' | 'destroy' };

/** One request the fake received. */
export interface FakeRequest {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
}

/** A running fake. `script` picks the behaviour for each request (its index and content). */
export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

const chatBody = (text: string, finishReason = 'stop') => ({
  id: 'fake',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason }],
  usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
});

type Responder<T extends FakeBehaviour = FakeBehaviour> = (behaviour: T, response: ServerResponse, socket: Socket) => void;

const writeJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
};

const responders: { [K in FakeBehaviour['type']]: Responder<Extract<FakeBehaviour, { type: K }>> } = {
  chat: (b, response) => writeJson(response, 200, chatBody(b.text, b.finishReason)),
  completion: (b, response) => writeJson(response, 200, { id: 'fake', object: 'text_completion', choices: [{ index: 0, text: b.text, finish_reason: 'stop', logprobs: null }], usage: { prompt_tokens: 5, completion_tokens: 2 } }),
  models: (b, response) => writeJson(response, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', owned_by: b.ownedBy }] }),
  json: (b, response) => writeJson(response, b.status ?? 200, b.body, b.headers),
  raw: (b, response) => {
    response.writeHead(200, { 'content-type': b.contentType, 'content-length': Buffer.byteLength(b.body) });
    response.end(b.body);
  },
  hang: () => {},
  reset: (_b, _response, socket) => socket.destroy(),
  'truncated-body': (_b, response, socket) => {
    const text = JSON.stringify(chatBody('this answer is cut short'));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.write(text.slice(0, 40), () => socket.destroy());
  },
  stream: (b, response, socket) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const chunk of b.chunks) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    if (b.ending === 'done') response.end('data: [DONE]\n\n');
    else if (b.ending === 'clean-close') response.end();
    else response.write('data: {"choi', () => socket.destroy());
  },
};

async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

/** Starts a fake on 127.0.0.1 with a free port; `url` ends in `/v1`. */
export async function startFakeServer(script: (request: FakeRequest, index: number) => FakeBehaviour): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer(async (request, response) => {
    const entry: FakeRequest = { method: request.method ?? 'GET', path: new URL(request.url ?? '/', 'http://x').pathname, body: await readBody(request) };
    requests.push(entry);
    try {
      const behaviour = script(entry, requests.length - 1);
      (responders[behaviour.type] as Responder)(behaviour, response, request.socket);
    } catch (error) {
      // A broken script must fail the test loudly, not leave the client waiting.
      writeJson(response, 500, { error: { message: `fake server script failed: ${(error as Error).message}` } });
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A stream chunk of a chat answer. */
export const chatChunk = (content: string, finishReason: string | null = null) => ({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: finishReason }] });
