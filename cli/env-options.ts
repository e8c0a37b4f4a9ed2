/** Options shared by the commands that play environments: `--alfworld-data DIR` (ALFWorld's own convention is `$ALFWORLD_DATA`). */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error.ts';

/** `--alfworld-data DIR`: checked, then passed on as `ALFWORLD_DATA` (which the ALFWorld bridge reads). */
export function useAlfworldData(dir: string | undefined): void {
  if (dir === undefined) return;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--alfworld-data ${dir}: no such folder; point it at ALFWorld's data folder (the one holding json_2.1.1/)`);
  process.env.ALFWORLD_DATA = path.resolve(dir);
}
