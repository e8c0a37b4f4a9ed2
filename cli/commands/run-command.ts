/** `hearth run <scenario> --model M --harness H`: one episode, shown live, with its trace. */
import { ensureDir } from '../ensure-dir.ts';
import { UsageError } from '../usage-error.ts';
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
import type { EventOf, TraceEvent, TraceEventType } from '../../agent/trace/trace-events.ts';
import { formatEdit } from '../../agent/evolve/format-run.ts';
import { assertHarnessFits } from '../../agent/harness/capabilities.ts';
import { EnvError, type EnvTask, type Environment } from '../../envs/protocol.ts';
import { createHearthEnvironment } from '../../envs/hearth/hearth-env.ts';
import { isPeerSuiteName, resolvePeerSuite } from '../../envs/registry.ts';
import type { PhysicsMode } from '../../sim/index.ts';
import { useAlfworldData } from '../env-options.ts';

interface RunOptions {
  model: string;
  harness: string;
  seed: string;
  physics: string;
  trace?: string;
  threads: string;
  exitZero?: boolean;
  view: string;
  task?: string;
  alfworldData?: string;
}

type Formatters = { [T in TraceEventType]?: (event: EventOf<T>) => string };

// One line (or two) per event that a person watching wants to see; model calls only with --calls.
const FORMATTERS: Formatters = {
  'episode-start': (event) => `Goal: ${event.goal}\n${event.observation}\n`,
  'action-select': (event) => (event.thought ? `      thought: ${event.thought}` : ''),
  'action-reject': (event) => `      ${event.part} rejected "${event.action}": ${event.feedback}`,
  'action-repair': (event) => `      ${event.part}: ${event.from} → ${event.to} (${event.why})`,
  control: (event) => `      ${event.part}: ${event.signal} — ${event.detail}`,
  'subgoal-start': (event) => `      subgoal: ${event.subgoal}`,
  'action-apply': (event) => `${String(event.step).padStart(3)}. ${event.action}${event.success ? '' : `  [${event.reason}]`}\n      ${event.feedback}`,
  'part-error': (event) => `      part error in ${event.part} at ${event.hook}: ${event.message}`,
  'env-error': (event) => `      environment error (${event.kind}): ${event.message}`,
  'harness-rewrite': (event) => `      ${event.part}: ${event.trigger} (${event.detail}) → ${event.category} → ${event.edits.map(formatEdit).join('; ')} for the rest of the episode (${event.harnessId})`,
  'episode-end': (event) => `\n${event.success ? 'SUCCESS' : 'FAILED'} after ${event.steps} steps (${event.termination})${event.score !== undefined && event.score > 0 && event.score < 1 ? `, score ${event.score.toFixed(2)}` : ''}; ${event.modelCalls} model calls, ${event.tokens} tokens`,
};

const MODEL_CALL = (event: EventOf<'model-call'>): string =>
  event.error ? `      model (${event.part}) failed: ${event.error.reason}: ${event.error.message}` : `      model (${event.part}, ${event.kind}): ${JSON.stringify(event.output).slice(0, 200)}`;

/** The readable text of one event ('' when it is not shown). */
export function formatEvent(event: TraceEvent, options: { calls?: boolean } = {}): string {
  if (event.type === 'model-call') return options.calls || event.error ? MODEL_CALL(event) : '';
  const format = FORMATTERS[event.type] as ((event: TraceEvent) => string) | undefined;
  return format ? format(event) : '';
}

function printEvent(event: TraceEvent): void {
  const text = formatEvent(event);
  if (text) console.log(text);
}

function parseOptions(options: RunOptions): { seed: number; physics: 'kinematic' | 'matter'; threads: number } {
  const threads = Number(options.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new UsageError(`--threads must be a whole number from 1 to 64, got '${options.threads}'`);
  const seed = Number(options.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got '${options.seed}'`);
  if (options.physics !== 'kinematic' && options.physics !== 'matter') throw new UsageError(`--physics must be kinematic or matter, got '${options.physics}'`);
  return { seed, physics: options.physics, threads };
}

/** What `hearth run` plays: a scenario file on Hearth's simulator, or one task of a peer suite. */
async function episodeTarget(target: string, options: RunOptions, physics: PhysicsMode): Promise<{ env: Environment; task: EnvTask; label: string } | null> {
  if (options.view !== 'full' && options.view !== 'text') throw new UsageError(`--view must be full or text, got '${options.view}'`);
  if (isPeerSuiteName(target)) {
    useAlfworldData(options.alfworldData);
    if (options.view === 'text') throw new UsageError(`--view text: '${target}' is a peer suite, which gives text only already`);
    const { source, tasks } = resolvePeerSuite(target);
    const pick = options.task ?? '0';
    const task = /^\d+$/.test(pick) ? tasks[Number(pick)] : tasks.find((t) => t.id === pick);
    if (!task) throw new UsageError(`--task ${pick}: ${target} has ${tasks.length} tasks; give an index 0–${tasks.length - 1} or a task id (e.g. ${tasks[0]?.id ?? '…'})`);
    return { env: await source.open(), task, label: `${target} task ${task.id}` };
  }
  if (options.task !== undefined) throw new UsageError(`--task is for peer suites (e.g. alfworld:valid_seen); '${target}' is a scenario file`);
  const loaded = loadScenarioFile(target);
  if (!loaded.ok) {
    loaded.errors.forEach((issue) => console.error(formatIssue(issue)));
    process.exitCode = 1;
    return null;
  }
  return { env: createHearthEnvironment({ physics, view: options.view }), task: { id: loaded.world.id, data: loaded.world }, label: `${loaded.world.id} · ${physics}${options.view === 'text' ? ' · text view' : ''}` };
}

async function runCommand(target: string, options: RunOptions): Promise<void> {
  try {
    const { seed, physics, threads } = parseOptions(options);
    const harness = loadHarness(options.harness);
    if (options.trace) checkTracePath(options.trace);
    const episode = await episodeTarget(target, options, physics);
    if (!episode) return;
    try {
      assertHarnessFits(harness, episode.env.description);
      const model = await openModel(options.model, { threads });
      try {
        console.log(`${episode.label} · model ${model.info.id} · harness ${harness.spec.name} (${harness.id}) · seed ${seed}`);
        const trace = await runEpisode({ env: episode.env, task: episode.task, seed, model, harness, onEvent: printEvent });
        if (options.trace) {
          fs.writeFileSync(options.trace, traceToJsonl(trace));
          console.log(`trace: ${options.trace}`);
        }
        const end = trace.events.at(-1);
        process.exitCode = (end?.type === 'episode-end' && end.success) || options.exitZero ? 0 : 1;
      } finally {
        await model.close();
      }
    } finally {
      await episode.env.close();
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof HarnessError || error instanceof ModelError || error instanceof EnvError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  }
}

/** `--trace FILE`: its folder is made (or must be one) and the file must not be a folder — checked before the episode runs. */
function checkTracePath(file: string): void {
  ensureDir(path.dirname(path.resolve(file)));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new UsageError(`--trace ${file} is a folder; name a file (e.g. ${path.join(file, 'trace.jsonl')})`);
}

export const runCommandModule: CommandModule = {
  register(program: Command): void {
    program
      .command('run')
      .argument('<scenario>', 'a scenario file (JSON), or a peer suite (alfworld:valid_seen, twx:twc-easy:test …) with --task')
      .option('--task <index|id>', 'peer suites: which task (an index from 0, or a task id)')
      .option('--view <view>', "scenario files: full (text + Hearth's structure) or text (only what ALFWorld gives)", 'full')
      .option('--alfworld-data <dir>', 'ALFWorld data folder (json_2.1.1/…); default $ALFWORLD_DATA')
      .option('--model <spec>', 'catalog id, .gguf path, onnx:FOLDER, http(s)://HOST/v1#MODEL or scripted:FILE.json', 'smollm2-135m')
      .option('--harness <name|file>', 'preset name (minimal, react-basic) or a harness spec .json', 'react-basic')
      .option('--seed <n>', 'episode seed', '0')
      .option('--physics <mode>', 'kinematic or matter', 'kinematic')
      .option('--threads <n>', 'CPU threads for local models (2 uses both cores of a small machine; 1 when other work shares the CPU)', '2')
      .option('--trace <file>', 'write the trace (JSONL) here')
      .option('--exit-zero', 'exit 0 even when the episode fails (demos, scripts)')
      .description('run one episode and show it live; exit 0 on success, 1 on failure, 2 on a usage error')
      .action(runCommand);
  },
};
