import os from 'node:os';
import path from 'node:path';

/** The models cache: `HEARTH_MODELS_DIR`, else `~/.cache/hearth/models`. */
export function modelsDir(environment: NodeJS.ProcessEnv = process.env): string {
  const configured = environment.HEARTH_MODELS_DIR;
  if (configured && configured.trim() !== '') return path.resolve(configured);
  return path.join(os.homedir(), '.cache', 'hearth', 'models');
}
