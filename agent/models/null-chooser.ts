/**
 * The null chooser (`random` as a model id): uniform over exactly the options the harness offers,
 * reading no prompt. It is the floor every table shows, and the "harness alone" row of honest
 * attribution. Choices are a pure function of (seed, episode, step, attempt), so runs repeat and
 * resume exactly, whatever order episodes run in.
 */
import { hashJson } from '../../sim/index.ts';
import type { GenerateRequest, GenerateResult, ModelBackend, ScoreResult } from './model-backend.ts';
import { tokenLogprobsRefusal } from './refuse-token-logprobs.ts';

const NO_TIME = { promptMs: 0, generateMs: 0, totalMs: 0 };
const NO_USAGE = { promptTokens: 0, cachedPromptTokens: 0, completionTokens: 0 };

/** A uniform index into `count` options from a key. */
function uniformIndex(seed: number, key: string, count: number): number {
  return Number.parseInt(hashJson([seed, key]).slice(0, 12), 16) % count;
}

export function createNullChooser(seed = 0): ModelBackend {
  const info: ModelBackend['info'] = { id: seed === 0 ? 'random' : `random:${seed}`, backend: 'null', source: 'uniform over the offered actions', contextSize: 1_000_000, settings: { seed } };
  return {
    info,
    pick: (options, key) => uniformIndex(seed, `${key}|${options.join('\n')}`, options.length),
    // Other parts that ask the model (a plan, a thought) get nothing: the null chooser adds no knowledge.
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const refusal = tokenLogprobsRefusal(request, info);
      if (refusal) throw refusal;
      const text = request.choices?.length ? request.choices[uniformIndex(seed, JSON.stringify(request), request.choices.length)]! : '';
      return { text, finishReason: request.choices ? 'choice' : 'stop', usage: NO_USAGE, timings: NO_TIME };
    },
    // Scores are uniform random, a function of (seed, request): a part that ranks by them ranks at random.
    async scoreChoices(request): Promise<ScoreResult> {
      const context = JSON.stringify('prompt' in request ? request.prompt : request.messages);
      const scores = request.candidates.map((candidate) => {
        const logProb = -uniformIndex(seed, `${context}|${candidate}`, 1_000_000) / 100_000;
        return { candidate, logProb, meanLogProb: logProb, tokens: 1 };
      });
      return { scores, usage: NO_USAGE, timings: NO_TIME };
    },
    async resetCache() {},
    async close() {},
  };
}
