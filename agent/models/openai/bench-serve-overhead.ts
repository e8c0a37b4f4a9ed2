/**
 * Per-request overhead of `hearth serve-model` + the OpenAI-compatible client over calling the
 * backend directly, on the real default model. Direct and HTTP calls alternate on the same
 * backend with the same (prefix-cached) prompts, so the difference is HTTP + JSON + client.
 * `node cli/run-ts.js agent/models/openai/bench-serve-overhead.ts [--json] [--rounds N]`
 */
import type { ModelBackend } from '../model-backend.ts';
import { openModel } from '../open-model.ts';
import { DEFAULT_MODEL_ID } from '../catalog/model-catalog.ts';
import { ensureModel } from '../catalog/fetch-model.ts';
import { startModelServer } from './model-server.ts';
import { createOpenAiBackend } from './openai-backend.ts';

const ACTIONS = ['go to fridge 1', 'take apple 1 from countertop 1', 'open cabinet 1', 'look', 'open fridge 1'];
const messages = [{ role: 'user' as const, content: `Goal: chill the apple.\nValid actions:\n${ACTIONS.join('\n')}\nAction:` }];

const CASES: Record<string, (model: ModelBackend) => Promise<unknown>> = {
  score: (model) => model.scoreChoices({ messages, candidates: ACTIONS }),
  choice: (model) => model.generate({ messages, choices: ACTIONS }),
  generate8: (model) => model.generate({ messages, maxTokens: 8 }),
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const roundsAt = process.argv.indexOf('--rounds');
  const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 15;
  await ensureModel(DEFAULT_MODEL_ID);
  const direct = await openModel(DEFAULT_MODEL_ID);
  const server = await startModelServer({ backend: direct, modelName: DEFAULT_MODEL_ID });
  const client = createOpenAiBackend({ baseURL: server.url, model: DEFAULT_MODEL_ID });
  const results: Record<string, { directMs: number; httpMs: number; overheadMs: number }> = {};
  try {
    for (const [name, run] of Object.entries(CASES)) {
      await run(direct);
      await run(client); // warm-up: prefix cache, capability probe, keep-alive connection
      const directTimes: number[] = [];
      const httpTimes: number[] = [];
      for (let round = 0; round < rounds; round++) {
        directTimes.push(await time(() => run(direct)));
        httpTimes.push(await time(() => run(client)));
      }
      const [directMs, httpMs] = [median(directTimes), median(httpTimes)];
      results[name] = { directMs: round2(directMs), httpMs: round2(httpMs), overheadMs: round2(httpMs - directMs) };
    }
  } finally {
    await server.close();
    await direct.close();
  }
  const report = { formatVersion: 1, model: DEFAULT_MODEL_ID, rounds, statistic: 'median', results };
  console.log(json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

await main();
