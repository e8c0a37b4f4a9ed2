import { describe, expect, it } from 'vitest';
import { ModelError } from '../model-error.ts';
import { classifyModelSpec } from '../open-model.ts';
import { openOpenAiSpec, parseOpenAiSpec } from './open-openai-spec.ts';

describe('OpenAI-compatible model specs', () => {
  it.each([
    ['http://127.0.0.1:11434/v1#qwen2.5:0.5b', 'http://127.0.0.1:11434/v1', 'qwen2.5:0.5b'],
    ['openai:https://example.test/v1#gpt-x', 'https://example.test/v1', 'gpt-x'],
  ])('reads %s', (spec, baseURL, model) => {
    expect(classifyModelSpec(spec)).toBe('openai');
    expect(parseOpenAiSpec(spec)).toEqual({ baseURL, model });
  });

  it.each(['http://127.0.0.1:8080/v1', 'openai:127.0.0.1:8080#m', 'http://#m'])('rejects %s with an example of a valid spec', (spec) => {
    expect(() => parseOpenAiSpec(spec)).toThrow(ModelError);
    expect(() => parseOpenAiSpec(spec)).toThrow(/e\.g\. http:\/\/127\.0\.0\.1:11434\/v1#/);
  });

  it('takes the API key from the environment, never from the spec', () => {
    const backend = openOpenAiSpec('http://127.0.0.1:9/v1#m', {}, { HEARTH_OPENAI_API_KEY: 'secret' });
    expect(backend.info).toMatchObject({ id: 'openai:m', backend: 'openai', source: 'http://127.0.0.1:9/v1#m' });
    expect(JSON.stringify(backend.info)).not.toContain('secret');
  });
});
