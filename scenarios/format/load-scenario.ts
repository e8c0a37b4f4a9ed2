/**
 * Loading a scenario never throws on bad input and never half-loads: the result is either the
 * scenario and its compiled world, or every issue found (syntax, schema, names, semantics), each
 * with file, JSON path, line and column, and the closest valid name where one exists.
 */
import fs from 'node:fs';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { WorldSpec } from '../../sim/index.ts';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.ts';
import { compileScenario, type RawIssue } from './compile-scenario.ts';
import { semanticChecks } from './semantic-checks.ts';
import { createLocator, formatPath, positionOfOffset } from './json-position.ts';
import { ScenarioError, type ScenarioIssue } from './scenario-issue.ts';

export type LoadResult =
  | { ok: true; file: string; scenario: ScenarioFile; world: WorldSpec }
  | { ok: false; file: string; errors: ScenarioIssue[] };

/** Parses scenario text (JSON) from `fileName` (used in messages only). */
export function parseScenario(text: string, fileName = '<scenario>'): LoadResult {
  const syntaxErrors: ParseError[] = [];
  const value: unknown = parseJsonc(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true });
  if (syntaxErrors.length) {
    return {
      ok: false,
      file: fileName,
      errors: syntaxErrors.map((error) => ({ file: fileName, path: '', ...positionOfOffset(text, error.offset), message: `JSON syntax error: ${printParseErrorCode(error.error)}` })),
    };
  }
  const locate = createLocator(text);
  const toIssue = (raw: RawIssue): ScenarioIssue => ({ file: fileName, path: formatPath(raw.path), ...locate(raw.path), message: raw.message, ...(raw.suggestion ? { suggestion: raw.suggestion } : {}) });
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, file: fileName, errors: parsed.error.issues.map((issue) => toIssue({ path: issue.path as (string | number)[], message: describeZodIssue(issue, value) })) };
  }
  const compiled = compileScenario(parsed.data);
  if (!compiled.world) return { ok: false, file: fileName, errors: compiled.issues.map(toIssue) };
  const semantic = semanticChecks(compiled.world);
  if (semantic.length) return { ok: false, file: fileName, errors: semantic.map(toIssue) };
  return { ok: true, file: fileName, scenario: parsed.data, world: compiled.world };
}

/** Reads and parses a scenario file; a missing or unreadable file is an issue too. */
export function loadScenarioFile(file: string): LoadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, file, errors: [{ file, path: '', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }
  return parseScenario(text, file);
}

/** Like loadScenarioFile, but throws a ScenarioError listing every issue. */
export function loadWorldOrThrow(file: string): WorldSpec {
  const result = loadScenarioFile(file);
  if (!result.ok) throw new ScenarioError(result.errors);
  return result.world;
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
