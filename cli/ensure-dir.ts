/**
 * Creates a folder and its missing parents, one level at a time. (`fs.mkdirSync(dir, {recursive:
 * true})` can spin forever on special file systems such as /proc; this fails with the error.)
 */
import fs from 'node:fs';
import path from 'node:path';

export function ensureDir(dir: string): void {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  let current = absolute;
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (fs.existsSync(current) && !fs.statSync(current).isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
  for (const folder of missing) fs.mkdirSync(folder);
}
