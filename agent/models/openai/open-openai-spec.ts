/**
 * `openModel` specs for OpenAI-compatible servers: `http://HOST:PORT/v1#MODEL`, optionally
 * prefixed `openai:`. The API key, when a server needs one, comes from `HEARTH_OPENAI_API_KEY` or
 * `OPENAI_API_KEY` (never from the spec, which ends up in traces).
 */
import { ModelError } from '../model-error.ts';
import { createOpenAiBackend, type OpenAiBackend } from './openai-backend.ts';

/** Base URL and model name of a spec. */
export function parseOpenAiSpec(spec: string): { baseURL: string; model: string } {
  const body = spec.replace(/^openai:/, '');
  const hash = body.indexOf('#');
  const baseURL = hash < 0 ? body : body.slice(0, hash);
  const model = hash < 0 ? '' : body.slice(hash + 1);
  if (!/^https?:\/\/[^/]+/.test(baseURL) || model === '') {
    throw new ModelError('invalid-request', `OpenAI-compatible model spec '${spec}' needs a base URL and a model name after '#', e.g. http://127.0.0.1:11434/v1#qwen2.5:0.5b (Ollama) or http://127.0.0.1:8088/v1#smollm2-135m (hearth serve-model: the --model it serves; llama.cpp's server ignores the name)`);
  }
  return { baseURL, model };
}

/** Opens an OpenAI-compatible server named by a spec string. */
export function openOpenAiSpec(spec: string, options: { timeoutMs?: number } = {}, environment: NodeJS.ProcessEnv = process.env): OpenAiBackend {
  const { baseURL, model } = parseOpenAiSpec(spec);
  const apiKey = environment.HEARTH_OPENAI_API_KEY || environment.OPENAI_API_KEY || undefined;
  return createOpenAiBackend({ baseURL, model, apiKey, timeoutMs: options.timeoutMs });
}
