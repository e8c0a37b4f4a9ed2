/**
 * Loading a scenario never throws on bad input and never half-loads: the result is either the
 * scenario and its compiled world, or the issues found (syntax, schema, names, semantics), each
 * with file, JSON path, line and column, and the closest valid name where one exists. Input that
 * cannot be a scenario (not a regular file, too big, binary, nested too deep) is refused before
 * parsing (input-limits.ts); at most MAX_ISSUES issues are listed.
 */
import type { WorldSpec } from '../../sim/index.ts';
import { readScenarioText } from './input-limits.ts';
import { parseScenario, type LoadResult } from './parse-scenario.ts';
import { ScenarioError } from './scenario-issue.ts';

export { parseScenario, MAX_ISSUES, type LoadResult } from './parse-scenario.ts';

/** Reads and parses a scenario file; a missing, unreadable or unsuitable file is an issue too. */
export function loadScenarioFile(file: string): LoadResult {
  const read = readScenarioText(file);
  if (!read.ok) return { ok: false, file, errors: [{ file, path: '', message: read.message }] };
  return parseScenario(read.text, file);
}

/** Like loadScenarioFile, but throws a ScenarioError listing every issue. */
export function loadWorldOrThrow(file: string): WorldSpec {
  const result = loadScenarioFile(file);
  if (!result.ok) throw new ScenarioError(result.errors);
  return result.world;
}
