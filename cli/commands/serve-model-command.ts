/**
 * `hearth serve-model --model M [--port P] [--host H]`: any model Hearth can open, served as an
 * OpenAI-compatible endpoint (so the browser app can use a native model at full speed, and other
 * tools can use Hearth's models). Loopback only unless --host says otherwise. Ctrl-C stops it
 * gracefully: calls in flight finish, then the model is closed.
 */
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { openModel } from '../../agent/models/open-model.ts';
import { ModelError } from '../../agent/models/model-error.ts';
import { UsageError } from '../usage-error.ts';
import { startModelServer } from '../../agent/models/openai/model-server.ts';
import { DEFAULT_MODEL_ID } from '../../agent/models/catalog/model-catalog.ts';

interface ServeOptions {
  model: string;
  port: string;
  host: string;
  threads?: string;
  contextSize?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function positiveInt(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got '${value}'`);
  return parsed;
}

async function serve(options: ServeOptions): Promise<void> {
  const port = positiveInt(options.port, '--port', 0)!;
  const backend = await openModel(options.model, { threads: positiveInt(options.threads, '--threads', 1), contextSize: positiveInt(options.contextSize, '--context-size', 64) });
  const server = await startModelServer({ backend, port, host: options.host, modelName: options.model });
  if (!LOOPBACK.has(options.host)) console.warn(`warning: listening on ${options.host}, not loopback — anyone who can reach this address can use the model`);
  console.log(`serving ${backend.info.id} at ${server.url} (OpenAI-compatible; Ctrl-C to stop)`);
  console.log(`  try: curl ${server.url}/chat/completions -H 'content-type: application/json' -d '{"messages":[{"role":"user","content":"Hello"}],"max_tokens":16}'`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.log(`${signal}: finishing calls in flight, then stopping`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  await backend.close();
}

async function serveCommand(options: ServeOptions): Promise<void> {
  try {
    await serve(options);
  } catch (error) {
    if (!(error instanceof ModelError || error instanceof UsageError) && (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const hint = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' — pick another --port (0 picks a free one)' : '';
    console.error(`error: ${(error as Error).message}${hint}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

export const serveModelCommand: CommandModule = {
  register(program: Command): void {
    program
      .command('serve-model')
      .description('serve a model as an OpenAI-compatible endpoint on 127.0.0.1 (chat/completions with choices, grammar, logprobs; /v1/hearth/score)')
      .option('-m, --model <spec>', 'catalog id, .gguf file, onnx:FOLDER or http(s)://…#MODEL', DEFAULT_MODEL_ID)
      .option('-p, --port <port>', 'TCP port (0 picks a free one)', '8088')
      .option('--host <host>', 'address to bind (loopback by default)', '127.0.0.1')
      .option('--threads <n>', 'CPU threads for local models (default 1)')
      .option('--context-size <n>', 'context window in tokens for local models')
      .action(serveCommand);
  },
};
