/**
 * Capability detection and fallbacks of the OpenAI-compatible backend, against scripted fakes that
 * imitate llama.cpp's server, vLLM and a plain OpenAI-compatible server (the real model's behaviour
 * through a real server is covered in openai-backend.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelError } from '../model-error.ts';
import { startFakeServer, type FakeBehaviour, type FakeRequest, type FakeServer } from './fake-openai-server.ts';
import { createOpenAiBackend, type OpenAiBackendOptions } from './openai-backend.ts';

const BOUND = 8_000;
const messages = [{ role: 'user' as const, content: 'Goal: chill the apple. Which action?' }];
const choices = ['go to fridge 1', 'open cabinet 1', 'look'];

let fake: FakeServer;
let routes: Record<string, (request: FakeRequest) => FakeBehaviour>;

beforeAll(async () => {
  fake = await startFakeServer((request) => routes[request.path]?.(request) ?? { type: 'json', status: 404, body: { error: { message: `no ${request.path}` } } });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

const backend = (options: Partial<OpenAiBackendOptions> = {}) => createOpenAiBackend({ baseURL: fake.url, model: 'fake-model', timeoutMs: 2_000, retryBaseMs: 5, ...options });
const sent = (path: string) => fake.requests.filter((request) => request.path === `/v1${path}`);
const errorOf = (call: Promise<unknown>) => call.then(() => undefined, (error: unknown) => error as ModelError);

/** Echo logprobs of `prompt` split into words, each word scored -1 per character. */
function echoed(prompt: string) {
  const tokens = prompt.match(/\s*\S+/g) ?? [];
  let at = 0;
  const text_offset = tokens.map((token) => ((at += token.length), at - token.length));
  return { text: prompt, index: 0, finish_reason: 'length', logprobs: { tokens, token_logprobs: tokens.map((token, index) => (index === 0 ? null : -token.trim().length)), text_offset } };
}

describe('capability detection and fallbacks', () => {
  it('constrains choices with a GBNF grammar on llama.cpp and probes the server once', { timeout: BOUND }, async () => {
    routes = { '/v1/models': () => ({ type: 'models', ownedBy: 'llamacpp' }), '/v1/chat/completions': () => ({ type: 'chat', text: 'open cabinet 1' }) };
    const model = backend();
    const first = await model.generate({ messages, choices });
    await model.generate({ messages, choices });
    expect(first).toMatchObject({ text: 'open cabinet 1', finishReason: 'choice', choiceMethod: 'server-constraint' });
    expect(sent('/chat/completions')[0]!.body!.grammar).toBe('root ::= "go to fridge 1" | "open cabinet 1" | "look"');
    expect(sent('/models')).toHaveLength(1);
    expect(model.info.settings.serverKind).toBe('llama.cpp');
  });

  it('moves to the next vLLM dialect when the server rejects one, and remembers it', { timeout: BOUND }, async () => {
    routes = {
      '/v1/models': () => ({ type: 'models', ownedBy: 'vllm' }),
      '/v1/chat/completions': (request) => (request.body!.structured_outputs ? { type: 'json', status: 400, body: { error: { message: 'unknown field structured_outputs' } } } : { type: 'chat', text: 'look' }),
    };
    const model = backend();
    const first = await model.generate({ messages, choices });
    await model.generate({ messages, choices });
    expect(first).toMatchObject({ text: 'look', choiceMethod: 'server-constraint' });
    const dialects = sent('/chat/completions').map((request) => ['structured_outputs', 'guided_choice'].filter((key) => key in request.body!));
    expect(dialects).toEqual([['structured_outputs'], ['guided_choice'], ['guided_choice']]);
  });

  it('reads a json_schema enum answer on a plain OpenAI-compatible server', { timeout: BOUND }, async () => {
    routes = { '/v1/models': () => ({ type: 'models', ownedBy: 'openai' }), '/v1/chat/completions': () => ({ type: 'chat', text: '{"choice": "go to fridge 1"}' }) };
    const result = await backend().generate({ messages, choices });
    expect(result).toMatchObject({ text: 'go to fridge 1', choiceMethod: 'server-constraint' });
    expect(sent('/chat/completions')[0]!.body!.response_format).toMatchObject({ type: 'json_schema' });
  });

  it('falls back to the closest choice when the server ignores constraints and cannot score', { timeout: BOUND }, async () => {
    routes = {
      '/v1/models': () => ({ type: 'models', ownedBy: 'someone' }),
      '/v1/completions': (request) => (request.body!.echo ? { type: 'json', status: 400, body: { error: { message: 'Only no echo is supported' } } } : { type: 'completion', text: 'I would open cabinet 1 first.' }),
    };
    const model = backend();
    const first = await model.generate({ prompt: 'Which action?', choices });
    const second = await model.generate({ prompt: 'Which action?', choices });
    expect(first).toMatchObject({ text: 'open cabinet 1', finishReason: 'choice', choiceMethod: 'closest-match', rawText: 'I would open cabinet 1 first.' });
    expect(second.choiceMethod).toBe('closest-match');
    // Remembered: neither the ignored json_schema nor the refused echo is tried again.
    const bodies = sent('/completions').map((request) => request.body!);
    expect(bodies).toHaveLength(4);
    expect(bodies.filter((body) => body.response_format)).toHaveLength(1);
    expect(bodies.filter((body) => body.echo)).toHaveLength(1);
  });

  it('scores candidates from echoed prompt log-probabilities', { timeout: BOUND }, async () => {
    routes = { '/v1/completions': (request) => ({ type: 'json', body: { choices: (request.body!.prompt as string[]).map((prompt, index) => ({ ...echoed(prompt), index })) } }) };
    const result = await backend({ capabilities: { kind: 'generic' } }).scoreChoices({ prompt: 'The capital of France is', candidates: [' Paris', ' the city of Lyon'] });
    expect(result.scores).toEqual([
      { candidate: ' Paris', logProb: -5, meanLogProb: -5, tokens: 1 },
      { candidate: ' the city of Lyon', logProb: -13, meanLogProb: -3.25, tokens: 4 },
    ]);
    expect(sent('/completions')[0]!.body).toMatchObject({ echo: true, logprobs: 0 });
  });

  it('uses scored choices when echo works but constraints do not', { timeout: BOUND }, async () => {
    routes = {
      '/v1/chat/completions': () => ({ type: 'chat', text: 'whatever' }),
      '/v1/completions': (request) => ({ type: 'json', body: { choices: (request.body!.prompt as string[]).map((prompt, index) => ({ ...echoed(prompt), index })) } }),
    };
    const result = await backend({ capabilities: { kind: 'generic', choice: [] } }).generate({ prompt: 'Do:', choices: [' look', ' go to fridge 1'] });
    expect(result).toMatchObject({ text: ' look', choiceMethod: 'scored' });
  });

  it('says scoring is unsupported when /completions returns only generated-token log-probs', { timeout: BOUND }, async () => {
    routes = { '/v1/completions': () => ({ type: 'json', body: { choices: [0, 1].map((index) => ({ text: ' x', index, logprobs: { tokens: [' x'], token_logprobs: [-0.1], text_offset: [24] } })) } }) };
    const error = await errorOf(backend({ capabilities: { kind: 'llama.cpp' } }).scoreChoices({ prompt: 'The capital of France is', candidates: [' Paris', ' banana'] }));
    expect(error).toBeInstanceOf(ModelError);
    expect(error!.reason).toBe('unsupported');
    expect(error!.message).toContain('hearth serve-model');
  });

  it("checks the format version of Hearth's /hearth/score answer and names a mismatch", { timeout: BOUND }, async () => {
    const answer = (formatVersion: unknown) => ({
      formatVersion, scores: [' Paris', ' banana'].map((candidate, index) => ({ candidate, logProb: -index - 1, meanLogProb: -index - 1, tokens: 1 })),
      usage: { promptTokens: 5, cachedPromptTokens: 0, completionTokens: 0 }, timings: { promptMs: 1, generateMs: 0, totalMs: 1 },
    });
    const request = { prompt: 'The capital of France is', candidates: [' Paris', ' banana'] };
    routes = { '/v1/hearth/score': () => ({ type: 'json', body: answer(1) }) };
    expect((await backend({ capabilities: { kind: 'hearth' } }).scoreChoices(request)).scores[0]!.logProb).toBe(-1);
    routes = { '/v1/hearth/score': () => ({ type: 'json', body: answer(2) }) };
    const error = await errorOf(backend({ capabilities: { kind: 'hearth' } }).scoreChoices(request));
    expect(error!.reason).toBe('malformed-response');
    expect(error!.message).toMatch(/at formatVersion: expected Hearth score format 1, got 2: the server runs another Hearth version/);
  });

  it('says echo scoring needs a raw prompt when given chat messages', { timeout: BOUND }, async () => {
    routes = {};
    const error = await errorOf(backend({ capabilities: { kind: 'vllm' } }).scoreChoices({ messages, candidates: ['a', 'b'] }));
    expect(error!.reason).toBe('unsupported');
    expect(error!.message).toContain('raw prompt');
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a grammar on a server that takes none, and passes it on llama.cpp', { timeout: BOUND }, async () => {
    routes = { '/v1/chat/completions': () => ({ type: 'chat', text: 'yes' }) };
    const grammar = 'root ::= "yes" | "no"';
    const refused = await errorOf(backend({ capabilities: { kind: 'generic' } }).generate({ messages, grammar }));
    expect(refused!.reason).toBe('unsupported');
    const passed = await backend({ capabilities: { kind: 'llama.cpp' } }).generate({ messages, grammar });
    expect(passed).toMatchObject({ text: 'yes', finishReason: 'grammar' });
    expect(sent('/chat/completions')[0]!.body!.grammar).toBe(grammar);
  });

  it('sends raw prompts to chat once the server turns out to lack /completions', { timeout: BOUND }, async () => {
    routes = { '/v1/models': () => ({ type: 'json', status: 404, body: { error: { message: 'not here' } } }), '/v1/chat/completions': () => ({ type: 'chat', text: 'Paris' }) };
    const model = backend();
    expect((await model.generate({ prompt: 'Capital of France?' })).text).toBe('Paris');
    await model.generate({ prompt: 'Capital of France?' });
    expect(fake.requests.map((request) => request.path)).toEqual(['/v1/models', '/v1/completions', '/v1/chat/completions', '/v1/chat/completions']);
    expect(sent('/chat/completions')[0]!.body!.messages).toEqual([{ role: 'user', content: 'Capital of France?' }]);
  });

  it('probes again after a failed probe instead of remembering the failure', { timeout: BOUND }, async () => {
    let up = false;
    routes = { '/v1/models': () => (up ? { type: 'models', ownedBy: 'vllm' } : { type: 'reset' }), '/v1/chat/completions': () => ({ type: 'chat', text: 'hi' }) };
    const model = backend({ maxRetries: 0 });
    expect((await errorOf(model.generate({ messages })))!.reason).toBe('connection-failed');
    up = true;
    expect((await model.generate({ messages })).text).toBe('hi');
    expect(model.info.settings.serverKind).toBe('vllm');
  });
});
