/**
 * Parsing a scenario never throws on bad input and never half-loads: the result is either the
 * scenario and its compiled world, or the issues found (syntax, schema, names, semantics), each
 * with file, JSON path, line and column, and the closest valid name where one exists. Input that
 * cannot be a scenario (not a regular file, too big, binary, nested too deep) is refused before
 * parsing (input-limits.ts, json-limits.ts); at most MAX_ISSUES issues are listed. No file access here
 * (load-scenario.ts reads files), so the browser app uses it too.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { WorldSpec } from '../../sim/index.ts';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.ts';
import { compileScenario, type RawIssue } from './compile-scenario.ts';
import { semanticChecks } from './semantic-checks.ts';
import { createLocator, formatPath, lineIndex } from './json-position.ts';
import { goalTooDeep, MAX_GOAL_DEPTH, MAX_JSON_DEPTH, tooDeepAt } from './json-limits.ts';
import type { ScenarioIssue } from './scenario-issue.ts';

export type LoadResult =
  | { ok: true; file: string; scenario: ScenarioFile; world: WorldSpec }
  | { ok: false; file: string; errors: ScenarioIssue[] };

/** Issues listed per file; the rest are counted in one last issue. */
export const MAX_ISSUES = 50;

function capped(file: string, issues: ScenarioIssue[]): LoadResult {
  if (issues.length <= MAX_ISSUES) return { ok: false, file, errors: issues };
  const more = issues.length - MAX_ISSUES;
  return { ok: false, file, errors: [...issues.slice(0, MAX_ISSUES), { file, path: '', message: `… and ${more} more problem${more === 1 ? '' : 's'} (fix the ones above first)` }] };
}

/** Parses scenario text (JSON) from `fileName` (used in messages only). */
export function parseScenario(text: string, fileName = '<scenario>'): LoadResult {
  try {
    return parseChecked(text, fileName);
  } catch (error) {
    // A bug, not bad input: still an answer, never a stack trace.
    return { ok: false, file: fileName, errors: [{ file: fileName, path: '', message: `internal error while checking this file (${(error as Error).name}: ${(error as Error).message}); please report it` }] };
  }
}

function parseChecked(text: string, fileName: string): LoadResult {
  const position = lineIndex(text);
  const deepAt = tooDeepAt(text);
  if (deepAt !== -1) {
    return { ok: false, file: fileName, errors: [{ file: fileName, path: '', ...position(deepAt), message: `the JSON nests deeper than ${MAX_JSON_DEPTH.toLocaleString('en-US')} levels here; allowed: a scenario needs about 10 (a goal tree at most ${MAX_GOAL_DEPTH}). Flatten it` }] };
  }
  const syntaxErrors: ParseError[] = [];
  const value: unknown = parseJsonc(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true });
  if (syntaxErrors.length) {
    return capped(fileName, syntaxErrors.map((error) => ({ file: fileName, path: '', ...position(error.offset), message: `JSON syntax error: ${printParseErrorCode(error.error)}` })));
  }
  const locate = createLocator(text);
  const toIssue = (raw: RawIssue): ScenarioIssue => ({ file: fileName, path: formatPath(raw.path), ...locate(raw.path), message: raw.message, ...(raw.suggestion ? { suggestion: raw.suggestion } : {}) });
  const deepGoal = goalTooDeep(value);
  if (deepGoal) {
    return { ok: false, file: fileName, errors: [toIssue({ path: deepGoal, message: `the goal tree nests deeper than ${MAX_GOAL_DEPTH} levels; allowed: at most ${MAX_GOAL_DEPTH} nested all-of/any-of/not. Flatten it: an all-of inside an all-of can be merged, and not(not(x)) is x` })] };
  }
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    return capped(fileName, parsed.error.issues.map((issue) => toIssue({ path: issue.path as (string | number)[], message: describeZodIssue(issue, value) })));
  }
  const compiled = compileScenario(parsed.data);
  if (!compiled.world) return capped(fileName, compiled.issues.map(toIssue));
  const semantic = semanticChecks(compiled.world);
  if (semantic.length) return capped(fileName, semantic.map(toIssue));
  return { ok: true, file: fileName, scenario: parsed.data, world: compiled.world };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[segment] : undefined;
  return current;
}

function describeZodIssue(issue: { code: string; message: string; path: PropertyKey[]; keys?: string[] }, root: unknown): string {
  const bad = valueAt(root, issue.path);
  const got = bad === undefined ? 'nothing' : JSON.stringify(bad)?.slice(0, 60);
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys?.map((k) => `'${k}'`).join(', ')}; remove them or check the spelling against scenarios/schema.json`;
  return `${issue.message} (got ${got})`;
}
