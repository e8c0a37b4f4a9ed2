/** `hearth run <scenario> --model M --harness H`: one episode, shown live, with its trace. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { loadScenarioFile } from '../../scenarios/format/load-scenario.ts';
import { formatIssue } from '../../scenarios/format/scenario-issue.ts';
import { loadHarness } from '../../agent/harness/presets/load-harness.ts';
import { HarnessError } from '../../agent/harness/harness-error.ts';
import { runEpisode } from '../../agent/harness/run-episode.ts';
import { openModel } from '../../agent/models/open-model.ts';
import { ModelError } from '../../agent/models/model-error.ts';
import { traceToJsonl } from '../../agent/trace/trace-io.ts';
import type { TraceEvent } from '../../agent/trace/trace-events.ts';

interface RunOptions {
  model: string;
  harness: string;
  seed: string;
  physics: 'kinematic' | 'matter';
  trace?: string;
  threads?: string;
  exitZero?: boolean;
}

export function showEvent(event: TraceEvent): void {
  if (event.type === 'episode-start') console.log(`Goal: ${event.goal}\n${event.observation}\n`);
  if (event.type === 'action-select' && event.thought) console.log(`      thought: ${event.thought}`);
  if (event.type === 'action-repair') console.log(`      ${event.part}: ${event.from} → ${event.to} (${event.why})`);
  if (event.type === 'control') console.log(`      ${event.part}: ${event.detail}`);
  if (event.type === 'subgoal-start') console.log(`      subgoal: ${event.subgoal}`);
  if (event.type === 'action-apply') console.log(`${String(event.step).padStart(3)}. ${event.action}${event.success ? '' : `  [${event.reason}]`}\n      ${event.feedback}`);
  if (event.type === 'part-error') console.log(`      part error in ${event.part} at ${event.hook}: ${event.message}`);
  if (event.type === 'episode-end') console.log(`\n${event.success ? 'SUCCESS' : 'FAILED'} after ${event.steps} steps (${event.termination}); ${event.modelCalls} model calls, ${event.tokens} tokens`);
}

async function runCommand(file: string, options: RunOptions): Promise<void> {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) {
    loaded.errors.forEach((issue) => console.error(formatIssue(issue)));
    process.exitCode = 1;
    return;
  }
  try {
    const harness = loadHarness(options.harness);
    const model = await openModel(options.model, { threads: options.threads ? Number(options.threads) : undefined });
    try {
      console.log(`${loaded.world.id} · model ${model.info.id} · harness ${harness.spec.name} (${harness.id}) · seed ${options.seed} · ${options.physics}`);
      const trace = await runEpisode({ scenario: loaded.world, seed: Number(options.seed), model, harness, physics: options.physics, onEvent: showEvent });
      if (options.trace) {
        fs.mkdirSync(path.dirname(options.trace), { recursive: true });
        fs.writeFileSync(options.trace, traceToJsonl(trace));
        console.log(`trace: ${options.trace}`);
      }
      const end = trace.events.at(-1);
      process.exitCode = (end?.type === 'episode-end' && end.success) || options.exitZero ? 0 : 1;
    } finally {
      await model.close();
    }
  } catch (error) {
    if (!(error instanceof HarnessError || error instanceof ModelError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  }
}

export const runCommandModule: CommandModule = {
  register(program: Command): void {
    program
      .command('run')
      .argument('<scenario>', 'scenario file (JSON)')
      .option('--model <spec>', 'catalog id, .gguf path, onnx:FOLDER or http(s)://HOST/v1#MODEL', 'smollm2-135m')
      .option('--harness <name|file>', 'preset name (minimal, react-basic) or a harness spec .json', 'react-basic')
      .option('--seed <n>', 'episode seed', '0')
      .option('--physics <mode>', 'kinematic or matter', 'kinematic')
      .option('--threads <n>', 'CPU threads for local models')
      .option('--trace <file>', 'write the trace (JSONL) here')
      .option('--exit-zero', 'exit 0 even when the episode fails (demos, scripts)')
      .description('run one episode and show it live; exit 0 on success, 1 on failure')
      .action(runCommand);
  },
};
