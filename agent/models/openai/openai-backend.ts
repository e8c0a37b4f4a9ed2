/**
 * OpenAI-compatible HTTP backend (Ollama, llama.cpp's server, vLLM, LM Studio, `hearth serve-model`)
 * on the official `openai` client.
 *
 * Chat messages go to `/chat/completions`, raw prompts to `/completions` (to chat when the server
 * has none). What the server offers is found out once and remembered (see openai-capabilities.ts),
 * or given in `options.capabilities`. Where it lacks something the backend falls back and says so:
 * - `choices` without a working server constraint → the choices are scored (when scoring works),
 *   else free text is read back with the closest choice; `choiceMethod` in the result tells which.
 * - `grammar` without server support → ModelError `unsupported` (a grammar cannot be emulated).
 * - `jsonSchema` → `response_format` json_schema; a server that refuses it gets the schema in the prompt.
 * - `scoreChoices` → Hearth's `/hearth/score`, else `/completions` echo log-probs, else `unsupported`.
 */
import type { GenerateRequest, GenerateResult, ModelBackend, ModelInfo, ModelInput, ScoreRequest, ScoreResult } from '../model-backend.ts';
import { ModelError } from '../model-error.ts';
import { tokenLogprobsRefusal } from '../refuse-token-logprobs.ts';
import { closestChoice } from '../closest-choice.ts';
import { jsonSchemaFields, withJsonInstruction } from './json-schema-request.ts';
import { EchoUnsupported, echoScore } from './echo-scores.ts';
import {
  capabilitiesFromModelList,
  capabilitySettings,
  choiceFields,
  choiceReaders,
  genericCapabilities,
  grammarFields,
  type OpenAiCapabilities,
  type ScoringMethod,
} from './openai-capabilities.ts';
import { OpenAiTransport, type CallBudget, type WireAnswer } from './openai-transport.ts';

/** Settings of `createOpenAiBackend`. */
export interface OpenAiBackendOptions {
  /** e.g. `http://127.0.0.1:8080/v1`. */
  baseURL: string;
  /** Model name sent in every request. */
  model: string;
  apiKey?: string;
  /** Default per-call deadline in ms, retries included (default 120 000). */
  timeoutMs?: number;
  /** Retries of transient failures (default 3). */
  maxRetries?: number;
  /** First backoff in ms, doubled per retry (default 250). */
  retryBaseMs?: number;
  /** What the server offers, when known; the rest is detected once. */
  capabilities?: Partial<OpenAiCapabilities>;
  /** Stream answers over SSE (default false). */
  stream?: boolean;
  /** Id in traces (default `openai:<model>`). */
  id?: string;
}

/** How an answer restricted to `choices` was obtained. */
export type ChoiceMethod = 'server-constraint' | 'scored' | 'closest-match';

/** A generation result with the backend's notes on fallbacks. */
export interface OpenAiGenerateResult extends GenerateResult {
  /** Set when the request had `choices`. */
  choiceMethod?: ChoiceMethod;
  /** The model's own words before `closest-match` mapped them onto a choice. */
  rawText?: string;
  /** Set when the request had `jsonSchema`: the server constrained the answer, or the schema was only asked for in the prompt. */
  jsonSchemaMethod?: 'server-constraint' | 'prompt';
}

/** An OpenAI-compatible backend; `capabilities()` detects (once) and returns what the server offers. */
export interface OpenAiBackend extends ModelBackend {
  generate(request: GenerateRequest): Promise<OpenAiGenerateResult>;
  capabilities(budget?: CallBudget): Promise<OpenAiCapabilities>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** Opens an OpenAI-compatible server. Nothing is sent until the first call. */
export function createOpenAiBackend(options: OpenAiBackendOptions): OpenAiBackend {
  const baseURL = options.baseURL.replace(/\/+$/, '');
  const modelId = options.id ?? `openai:${options.model}`;
  const transport = new OpenAiTransport({
    baseURL,
    model: options.model,
    modelId,
    apiKey: options.apiKey,
    stream: options.stream ?? false,
    policy: { maxRetries: options.maxRetries ?? 3, retryBaseMs: options.retryBaseMs ?? 250, retryMaxMs: 4000 },
  });
  const info: ModelInfo = {
    id: modelId,
    backend: 'openai',
    source: `${baseURL}#${options.model}`,
    contextSize: options.capabilities?.contextSize ?? 0,
    settings: { model: options.model },
  };
  return new HttpBackend(info, options, transport);
}

class HttpBackend implements OpenAiBackend {
  private detected: Promise<OpenAiCapabilities> | undefined;

  constructor(
    readonly info: ModelInfo,
    private readonly options: OpenAiBackendOptions,
    private readonly transport: OpenAiTransport,
  ) {}

  capabilities(budget: CallBudget = {}): Promise<OpenAiCapabilities> {
    this.detected ??= this.detect(budget).catch((error: unknown) => {
      this.detected = undefined; // a failed probe (server down) is tried again next call
      throw error;
    });
    return this.detected;
  }

  private async detect(budget: CallBudget): Promise<OpenAiCapabilities> {
    const known = this.options.capabilities ?? {};
    let capabilities: OpenAiCapabilities;
    if (known.kind) {
      capabilities = genericCapabilities(known);
    } else {
      try {
        capabilities = capabilitiesFromModelList(await this.transport.listModels(budget), this.options.model, known);
      } catch (error) {
        // No model list (404, or not a list): assume a plain OpenAI-compatible server.
        if (!(error instanceof ModelError) || !(error.reason === 'malformed-response' || (error.reason === 'http-status' && error.status! < 500))) throw error;
        capabilities = genericCapabilities(known);
      }
    }
    Object.assign(this.info, { contextSize: capabilities.contextSize ?? this.info.contextSize });
    this.info.settings = { model: this.options.model, ...capabilitySettings(capabilities) };
    return capabilities;
  }

  private budget(request: GenerateRequest | ScoreRequest): CallBudget {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return { signal: request.signal, deadline: Date.now() + timeoutMs, timeoutMs };
  }

  async generate(request: GenerateRequest): Promise<OpenAiGenerateResult> {
    const refusal = tokenLogprobsRefusal(request, this.info);
    if (refusal) throw refusal;
    if (request.choices && request.choices.length === 0) {
      throw new ModelError('invalid-request', 'generate: `choices` is empty; give at least one allowed answer or leave it out', { modelId: this.info.id });
    }
    const budget = this.budget(request);
    const capabilities = await this.capabilities(budget);
    if (request.choices) return this.generateChoice(request, request.choices, capabilities, budget);
    if (request.jsonSchema !== undefined) return this.generateJsonSchema(request, request.jsonSchema, capabilities, budget);
    if (request.grammar !== undefined) return this.generateGrammar(request, request.grammar, capabilities, budget);
    return this.finish(await this.send(request, {}, capabilities, budget), 'stop');
  }

  /** One generation; raw prompts fall back to chat once the server turns out to lack /completions. */
  private async send(request: GenerateRequest, extra: Record<string, unknown>, capabilities: OpenAiCapabilities, budget: CallBudget, maxTokens?: number): Promise<WireAnswer> {
    const wire = { input: request, maxTokens: maxTokens ?? request.maxTokens ?? 64, stop: request.stop, temperature: request.temperature ?? 0, seed: request.seed, extra };
    if ('messages' in request || !capabilities.completions) return this.transport.generate('chat', wire, budget);
    try {
      return await this.transport.generate('completions', wire, budget);
    } catch (error) {
      if (!(error instanceof ModelError && error.reason === 'http-status' && [404, 405, 501].includes(error.status!))) throw error;
      capabilities.completions = false;
      return this.transport.generate('chat', wire, budget);
    }
  }

  private finish(answer: WireAnswer, done: GenerateResult['finishReason']): OpenAiGenerateResult {
    const finishReason = answer.finishReason === 'length' ? 'length' : done;
    return { text: answer.text, finishReason, usage: answer.usage, timings: answer.timings };
  }

  /** `response_format` json_schema; when the server refuses it (400/422), the schema goes into the prompt from then on. */
  private async generateJsonSchema(request: GenerateRequest, schema: Record<string, unknown>, capabilities: OpenAiCapabilities, budget: CallBudget): Promise<OpenAiGenerateResult> {
    if (request.grammar !== undefined) {
      throw new ModelError('invalid-request', 'generate: give one constraint — `jsonSchema` or `grammar` — not both', { modelId: this.info.id });
    }
    if (capabilities.jsonSchema !== false) {
      try {
        const answer = await this.send(request, jsonSchemaFields(schema), capabilities, budget);
        capabilities.jsonSchema = true;
        return { ...this.finish(answer, 'grammar'), jsonSchemaMethod: 'server-constraint' };
      } catch (error) {
        if (!(error instanceof ModelError && error.reason === 'http-status' && [400, 422].includes(error.status!))) throw error;
        capabilities.jsonSchema = false;
      }
    }
    return { ...this.finish(await this.send(withJsonInstruction(request, schema), {}, capabilities, budget), 'stop'), jsonSchemaMethod: 'prompt' };
  }

  private async generateGrammar(request: GenerateRequest, grammar: string, capabilities: OpenAiCapabilities, budget: CallBudget): Promise<OpenAiGenerateResult> {
    const dialect = capabilities.grammar[0];
    if (!dialect) {
      throw new ModelError('unsupported', `the ${capabilities.kind} server at ${this.info.source} takes no GBNF grammar; use \`choices\`, or a server that does (llama.cpp's server, vLLM, \`hearth serve-model\`), or set capabilities.grammar if it does`, { modelId: this.info.id });
    }
    return this.finish(await this.send(request, grammarFields[dialect](grammar), capabilities, budget), 'grammar');
  }

  private async generateChoice(request: GenerateRequest, choices: string[], capabilities: OpenAiCapabilities, budget: CallBudget): Promise<OpenAiGenerateResult> {
    // Room for the longest choice even when the caller's maxTokens is small (JSON adds ~8 tokens).
    const maxTokens = Math.max(request.maxTokens ?? 0, Math.max(...choices.map((choice) => choice.length)) + 16);
    for (const dialect of [...capabilities.choice]) {
      try {
        const answer = await this.send(request, choiceFields[dialect](choices), capabilities, budget, maxTokens);
        const picked = choiceReaders[dialect](answer.text);
        if (choices.includes(picked)) {
          capabilities.choice = [dialect];
          return { ...this.finish(answer, 'choice'), text: picked, finishReason: 'choice', choiceMethod: 'server-constraint' };
        }
      } catch (error) {
        // A server that rejects the dialect's field answers 400/422; anything else is a real failure.
        if (!(error instanceof ModelError && error.reason === 'http-status' && [400, 422].includes(error.status!))) throw error;
      }
      capabilities.choice = capabilities.choice.filter((known) => known !== dialect);
    }
    return this.choiceFallback(request, choices, capabilities, budget);
  }

  private async choiceFallback(request: GenerateRequest, choices: string[], capabilities: OpenAiCapabilities, budget: CallBudget): Promise<OpenAiGenerateResult> {
    try {
      const scored = await this.score(request, choices, capabilities, budget);
      const best = scored.scores.reduce((top, score) => (score.logProb > top.logProb ? score : top));
      return { text: best.candidate, finishReason: 'choice', usage: scored.usage, timings: scored.timings, choiceMethod: 'scored' };
    } catch (error) {
      if (!(error instanceof ModelError && error.reason === 'unsupported')) throw error;
    }
    const answer = await this.send(request, {}, capabilities, budget);
    return { ...this.finish(answer, 'choice'), text: closestChoice(answer.text, choices), finishReason: 'choice', choiceMethod: 'closest-match', rawText: answer.text };
  }

  async scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
    if (request.candidates.length === 0) return { scores: [], usage: { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 }, timings: { promptMs: 0, generateMs: 0, totalMs: 0 } };
    const budget = this.budget(request);
    return this.score(request, request.candidates, await this.capabilities(budget), budget);
  }

  private async score(request: GenerateRequest | ScoreRequest, candidates: string[], capabilities: OpenAiCapabilities, budget: CallBudget): Promise<ScoreResult> {
    const input: ModelInput = 'messages' in request ? { messages: request.messages } : { prompt: request.prompt };
    for (const method of [...capabilities.scoring]) {
      if (method === 'echo' && 'messages' in input) continue; // needs the chat template, which only the server knows
      try {
        const result = await this.scorers[method](input, candidates, budget);
        capabilities.scoring = [method];
        return result;
      } catch (error) {
        const notOffered = error instanceof EchoUnsupported || (error instanceof ModelError && error.reason === 'http-status' && [400, 404, 405, 422, 501].includes(error.status!));
        if (!notOffered) throw error;
      }
      capabilities.scoring = capabilities.scoring.filter((known) => known !== method);
    }
    const why = capabilities.scoring.includes('echo') ? 'echo scoring needs a raw prompt (chat messages need the server-side chat template); pass `prompt`, or' : 'the server has no Hearth /hearth/score endpoint and its /completions does not echo prompt log-probabilities (llama.cpp\'s server rejects echo);';
    throw new ModelError('unsupported', `scoreChoices on the ${capabilities.kind} server at ${this.info.source}: ${why} use \`hearth serve-model\`, a vLLM server, or a local backend (llama/onnx)`, { modelId: this.info.id });
  }

  private readonly scorers: Record<ScoringMethod, (input: ModelInput, candidates: string[], budget: CallBudget) => Promise<ScoreResult>> = {
    hearth: (input, candidates, budget) => this.transport.hearthScore(input, candidates, budget),
    echo: async (input, candidates, budget) => {
      const context = (input as { prompt: string }).prompt;
      const { answer, usage, timings } = await this.transport.echoLogprobs(candidates.map((candidate) => context + candidate), budget);
      const byIndex = [...answer.choices].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      if (byIndex.length !== candidates.length) throw new EchoUnsupported(`${candidates.length} prompts gave ${byIndex.length} answers`);
      const scores = candidates.map((candidate, index) => echoScore(context, candidate, byIndex[index]!.logprobs));
      return { scores, usage, timings };
    },
  };

  async resetCache(): Promise<void> {
    const capabilities = await this.detected?.catch(() => undefined);
    if (capabilities?.kind !== 'hearth') return; // other servers manage their own prefix caches
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    await this.transport.reset({ deadline: Date.now() + timeoutMs, timeoutMs });
  }

  async close(): Promise<void> {}
}
