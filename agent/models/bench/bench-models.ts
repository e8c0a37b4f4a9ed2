/**
 * `npm run bench:models -- --json`: the default model's throughput and the cost of one agent
 * decision by each action-selection method, with and without prefix reuse, compared with the raw
 * node-llama-cpp cost of the tokens the decision evaluates.
 */
import { getLlama } from 'node-llama-cpp';
import { ensureModel } from '../catalog/fetch-model.ts';
import { DEFAULT_MODEL_ID } from '../catalog/model-catalog.ts';
import { createLlamaBackend } from '../llama/llama-backend.ts';
import { choicesGrammar } from '../choices-grammar.ts';
import type { GenerateResult, ModelBackend, ScoreResult } from '../model-backend.ts';
import { decisionMessages, VALID_ACTIONS } from './decision-fixture.ts';

const json = process.argv.includes('--json');
const threads = Number(process.env.HEARTH_THREADS ?? 1);
const repeats = Number(process.env.HEARTH_BENCH_REPEATS ?? 6);
let peakRss = process.memoryUsage().rss;
const sampleRss = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage().rss));

type Method = (model: ModelBackend, step: number) => Promise<GenerateResult | ScoreResult>;
const methods: Record<string, Method> = {
  'free-generation': (model, step) => model.generate({ messages: decisionMessages(step), maxTokens: 12, stop: ['\n'] }),
  'numbered-menu': (model, step) =>
    model.generate({ messages: decisionMessages(step), choices: VALID_ACTIONS.map((_, index) => String(index + 1)), maxTokens: 3 }),
  'choice-scoring': (model, step) => model.scoreChoices({ messages: decisionMessages(step), candidates: VALID_ACTIONS }),
  'grammar': (model, step) => model.generate({ messages: decisionMessages(step), grammar: choicesGrammar(VALID_ACTIONS), maxTokens: 16 }),
};

/** Raw llama.cpp: prompt tokens/s (batch evaluation) and generation tokens/s (one at a time). */
async function rawThroughput(modelPath: string): Promise<{ promptTokensPerSec: number; generationTokensPerSec: number }> {
  const llama = await getLlama({ gpu: false, build: 'never' });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 2048, threads, sequences: 1 });
  const sequence = context.getSequence();
  const tokens = model.tokenize(JSON.stringify(decisionMessages(0)));
  await sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(0, 32)); // warm-up
  await sequence.clearHistory();
  let promptMs = 0;
  let promptTokens = 0;
  for (let index = 0; index < 3; index += 1) {
    await sequence.clearHistory();
    const started = performance.now();
    await sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(0, 430));
    promptMs += performance.now() - started;
    promptTokens += Math.min(430, tokens.length);
  }
  const started = performance.now();
  let generated = 0;
  for await (const _token of sequence.evaluate([tokens[0]!], { temperature: 0 })) if (++generated >= 48) break;
  const generationMs = performance.now() - started;
  sampleRss();
  await context.dispose();
  await model.dispose();
  return { promptTokensPerSec: (promptTokens / promptMs) * 1000, generationTokensPerSec: (generated / generationMs) * 1000 };
}

interface MethodFigures {
  msPerDecision: number;
  evaluatedPromptTokens: number;
  generatedOrScoredTokens: number;
  rawMs: number;
  ratioToRaw: number;
}

async function measure(model: ModelBackend, method: Method, reuse: boolean, raw: Awaited<ReturnType<typeof rawThroughput>>, scoring: boolean): Promise<MethodFigures> {
  await model.resetCache();
  await method(model, 0); // warm-up and, with reuse, the cached prefix
  let totalMs = 0;
  let evaluated = 0;
  let produced = 0;
  for (let step = 1; step <= repeats; step += 1) {
    if (!reuse) await model.resetCache();
    const result = await method(model, step);
    sampleRss();
    totalMs += result.timings.totalMs;
    evaluated += result.usage.promptTokens - result.usage.cachedPromptTokens;
    produced += result.usage.completionTokens;
  }
  // Scored candidate tokens are evaluated in batches (prompt speed); generated ones one by one.
  const producedRate = scoring ? raw.promptTokensPerSec : raw.generationTokensPerSec;
  const rawMs = ((evaluated / raw.promptTokensPerSec) + produced / producedRate) * 1000 / repeats;
  const msPerDecision = totalMs / repeats;
  return { msPerDecision, evaluatedPromptTokens: evaluated / repeats, generatedOrScoredTokens: produced / repeats, rawMs, ratioToRaw: msPerDecision / rawMs };
}

const modelPath = (await ensureModel(DEFAULT_MODEL_ID)).path;
const raw = await rawThroughput(modelPath);
const model = await createLlamaBackend({ modelPath, threads, id: `llama:${DEFAULT_MODEL_ID}` });
const contextTokens = (await model.scoreChoices({ messages: decisionMessages(0), candidates: ['x'] })).usage.promptTokens;
const decisions: Record<string, { withReuse: MethodFigures; withoutReuse: MethodFigures }> = {};
for (const [name, method] of Object.entries(methods)) {
  const scoring = name === 'choice-scoring';
  decisions[name] = { withReuse: await measure(model, method, true, raw, scoring), withoutReuse: await measure(model, method, false, raw, scoring) };
}
await model.close();
const round = (value: number): number => Math.round(value * 100) / 100;
const result = {
  model: DEFAULT_MODEL_ID,
  threads,
  contextTokens,
  validActions: VALID_ACTIONS.length,
  promptTokensPerSec: round(raw.promptTokensPerSec),
  generationTokensPerSec: round(raw.generationTokensPerSec),
  decisions: Object.fromEntries(Object.entries(decisions).map(([name, figures]) => [name, {
    withReuse: Object.fromEntries(Object.entries(figures.withReuse).map(([key, value]) => [key, round(value)])),
    withoutReuse: Object.fromEntries(Object.entries(figures.withoutReuse).map(([key, value]) => [key, round(value)])),
  }])),
  peakRssMB: round(peakRss / 1e6),
};
if (json) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`model ${result.model}, ${threads} thread(s), context ${contextTokens} tokens, ${VALID_ACTIONS.length} valid actions`);
  console.log(`raw llama.cpp: prompt ${result.promptTokensPerSec} tok/s, generation ${result.generationTokensPerSec} tok/s`);
  for (const [name, figures] of Object.entries(result.decisions)) {
    console.log(`${name.padEnd(16)} with reuse ${figures.withReuse.msPerDecision} ms (×${figures.withReuse.ratioToRaw} raw)   without ${figures.withoutReuse.msPerDecision} ms (×${figures.withoutReuse.ratioToRaw} raw)`);
  }
  console.log(`peak RSS ${result.peakRssMB} MB`);
}
