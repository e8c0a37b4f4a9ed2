/**
 * The OpenAI-compatible backend against a REAL HTTP server on 127.0.0.1: `startModelServer` serving
 * the real default model (SmolLM2-135M-Instruct Q4_1 via llama.cpp), compared with the same model
 * called directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, GenerateRequest, ModelBackend, ModelInput } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { openModel } from '../open-model.ts';
import { DEFAULT_MODEL_ID } from '../catalog/model-catalog.ts';
import { defaultModelPath } from '../../../test-support/real-model.ts';
import { startModelServer, type ModelServer } from './model-server.ts';
import { createOpenAiBackend, type OpenAiBackend, type OpenAiBackendOptions } from './openai-backend.ts';

const ACTIONS = ['go to fridge 1', 'take apple 1 from countertop 1', 'open cabinet 1', 'look'];
const messages: ChatMessage[] = [
  { role: 'system', content: 'You are a household robot. Answer with exactly one action from the list.' },
  { role: 'user', content: `Goal: put a cold apple in the fridge.\nValid actions:\n${ACTIONS.join('\n')}\nAction:` },
];
const france = { prompt: 'The capital of France is' };

let direct: ModelBackend;
let server: ModelServer;
let client: OpenAiBackend;

const connect = (options: Partial<OpenAiBackendOptions> = {}) => createOpenAiBackend({ baseURL: server.url, model: DEFAULT_MODEL_ID, timeoutMs: 60_000, ...options });

async function post(path: string, body: string | object): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  await defaultModelPath(); // fetches the default model once if absent
  direct = await openModel(DEFAULT_MODEL_ID);
  server = await startModelServer({ backend: direct, modelName: DEFAULT_MODEL_ID });
  client = (await openModel(`${server.url}#${DEFAULT_MODEL_ID}`)) as OpenAiBackend;
});
afterAll(async () => {
  await server?.close();
  await direct?.close();
});

describe('OpenAI-compatible backend ↔ hearth model server (real default model)', () => {
  it('detects the Hearth server and its context size', async () => {
    const capabilities = await client.capabilities();
    expect(capabilities).toMatchObject({ kind: 'hearth', scoring: ['hearth'], contextSize: direct.info.contextSize });
    expect(client.info).toMatchObject({ backend: 'openai', contextSize: direct.info.contextSize });
  });

  it('generates the same greedy text as the direct backend', async () => {
    const overHttp = await client.generate({ messages, maxTokens: 16 });
    const local = await direct.generate({ messages, maxTokens: 16 });
    expect(overHttp.text.length).toBeGreaterThan(0);
    expect(overHttp.text).toBe(local.text);
    expect(overHttp.usage.promptTokens).toBe(local.usage.promptTokens);
    expect(overHttp.usage.completionTokens).toBeGreaterThan(0);
  });

  it('streams the same text as a whole answer', async () => {
    const whole = await client.generate({ messages, maxTokens: 12 });
    const streamed = await connect({ stream: true }).generate({ messages, maxTokens: 12 });
    expect(streamed.text).toBe(whole.text);
    expect(streamed.usage.promptTokens).toBe(whole.usage.promptTokens);
  });

  it.each<[string, GenerateRequest]>([
    ['a raw prompt (via /completions)', { ...france, maxTokens: 4 }],
    ['a stop string', { ...france, maxTokens: 12, stop: ['.'] }],
    ['sampling with a temperature and seed', { messages, maxTokens: 16, temperature: 1.2, seed: 7 }],
  ])('generates what the direct backend does for %s', async (_label, request) => {
    // Both from a cold prefix cache: llama.cpp's logits (hence seeded samples) vary slightly with the cache state.
    await direct.resetCache();
    const overHttp = await client.generate(request);
    await direct.resetCache();
    const local = await direct.generate(request);
    expect(overHttp.text).toBe(local.text);
    expect(overHttp.finishReason).toBe(local.finishReason);
  });

  it('honours choices with the server-side constraint', async () => {
    const result = await client.generate({ messages, choices: ACTIONS });
    expect(ACTIONS).toContain(result.text);
    expect(result).toMatchObject({ finishReason: 'choice', choiceMethod: 'server-constraint' });
    expect(result.text).toBe((await direct.generate({ messages, choices: ACTIONS })).text);
  });

  it('honours choices given as a json_schema enum (the generic dialect)', async () => {
    const generic = connect({ capabilities: { kind: 'generic' } });
    const result = await generic.generate({ messages, choices: ACTIONS });
    expect(result).toMatchObject({ choiceMethod: 'server-constraint', finishReason: 'choice' });
    expect(result.text).toBe((await direct.generate({ messages, choices: ACTIONS })).text);
  });

  it('honours a GBNF grammar', async () => {
    const result = await client.generate({ messages: [{ role: 'user', content: 'Is an apple a fruit? Answer yes or no.' }], grammar: 'root ::= "yes" | "no"' });
    expect(result.text).toMatch(/^(yes|no)$/);
    expect(result.finishReason).toBe('grammar');
  });

  it('falls back to scoring the choices when the server constraint is unavailable', async () => {
    const result = await connect({ capabilities: { kind: 'hearth', choice: [] } }).generate({ messages, choices: ACTIONS });
    const { scores } = await direct.scoreChoices({ messages, candidates: ACTIONS });
    const best = scores.reduce((top, score) => (score.logProb > top.logProb ? score : top));
    expect(result).toMatchObject({ text: best.candidate, choiceMethod: 'scored', finishReason: 'choice' });
  });

  it('falls back to the closest choice when neither constraints nor scoring are available', async () => {
    // The Hearth server answers echo scoring with 400, so a "generic" client has no way to score.
    const result = await connect({ capabilities: { kind: 'generic', choice: [] } }).generate({ ...france, choices: [' Paris', ' Lyon', ' banana'], maxTokens: 4 });
    expect(result).toMatchObject({ text: ' Paris', choiceMethod: 'closest-match' });
    expect(result.rawText).toBe((await direct.generate({ ...france, maxTokens: 4 })).text);
  });

  it('ranks " Paris" over " banana"', async () => {
    const [paris, banana] = (await client.scoreChoices({ ...france, candidates: [' Paris', ' banana'] })).scores;
    expect(paris!.logProb).toBeGreaterThan(banana!.logProb + 5);
  });

  it.each<[string, ModelInput, string[]]>([
    ['a raw prompt', france, [' Paris', ' banana', ' the city of Lyon']],
    ['chat messages', { messages }, ACTIONS],
  ])('scores %s as the direct backend does (within 1e-3)', async (_label, input, candidates) => {
    const overHttp = await client.scoreChoices({ ...input, candidates });
    const local = await direct.scoreChoices({ ...input, candidates });
    expect(overHttp.scores.map((score) => score.candidate)).toEqual(candidates);
    for (const [index, score] of overHttp.scores.entries()) {
      expect(Math.abs(score.logProb - local.scores[index]!.logProb)).toBeLessThan(1e-3);
      expect(score.tokens).toBe(local.scores[index]!.tokens);
    }
  });

  it('returns the chosen answer\'s per-token log-probabilities, summing to its score', async () => {
    const { status, json } = await post('/chat/completions', { messages, guided_choice: ACTIONS, logprobs: true, top_logprobs: 2 });
    expect(status).toBe(200);
    const entries: { token: string; logprob: number; top_logprobs: { logprob: number }[] }[] = json.choices[0].logprobs.content;
    expect(entries.map((entry) => entry.token).join('')).toBe(json.choices[0].message.content);
    const { scores } = await direct.scoreChoices({ messages, candidates: ACTIONS });
    const chosen = scores.find((score) => score.candidate === json.choices[0].message.content)!;
    expect(entries).toHaveLength(chosen.tokens);
    expect(Math.abs(entries.reduce((sum, entry) => sum + entry.logprob, 0) - chosen.logProb)).toBeLessThan(1e-2);
    for (const entry of entries) {
      expect(entry.top_logprobs).toHaveLength(2);
      expect(entry.top_logprobs[0]!.logprob).toBeGreaterThanOrEqual(entry.top_logprobs[1]!.logprob);
    }
  });

  it('reports a prompt longer than the context as context-overflow', async () => {
    const error = await client.generate({ prompt: 'word '.repeat(direct.info.contextSize + 10), maxTokens: 4 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).reason).toBe('context-overflow');
  });

  it('resets the served backend\'s prefix cache', async () => {
    await client.generate({ messages, maxTokens: 2 });
    const warm = await client.generate({ messages, maxTokens: 2 });
    await client.resetCache();
    const cold = await client.generate({ messages, maxTokens: 2 });
    expect(warm.usage.cachedPromptTokens).toBeGreaterThan(0);
    expect(cold.usage.cachedPromptTokens).toBe(0);
  });

  it.each([
    ['invalid JSON', '{"messages": [', 'not valid JSON'],
    ['no messages', { max_tokens: 4 }, 'messages'],
    ['an unknown role', { messages: [{ role: 'robot', content: 'hi' }] }, 'messages.0.role'],
    ['a negative temperature', { messages, temperature: -1 }, 'temperature'],
    ['both a grammar and choices', { messages, grammar: 'root ::= "a"', guided_choice: ['a'] }, 'not both'],
    ['a json_schema without a schema', { messages, response_format: { type: 'json_schema', json_schema: { name: 'x' } } }, 'response_format'],
    ['n > 1', { messages, n: 2 }, 'n = 1'],
  ])('answers 400 with a clear JSON error for %s', async (_label, body, mentions) => {
    const { status, json } = await post('/chat/completions', body);
    expect(status).toBe(400);
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message).toContain(mentions);
  });

  it('answers echo scoring on /completions with 400 pointing at /v1/hearth/score', async () => {
    const { status, json } = await post('/completions', { prompt: 'The capital of France is Paris', echo: true, logprobs: 0, max_tokens: 1 });
    expect(status).toBe(400);
    expect(json.error.message).toContain('/v1/hearth/score');
  });
});
