/**
 * Parsing a scenario never throws on bad input and never half-loads: the result is either the
 * scenario and its compiled world, or the issues found (syntax, schema, names, semantics), each
 * with file, JSON path, line and column, and the closest valid name where one exists. Input that
 * cannot be a scenario (not a regular file, too big, binary, nested too deep) is refused before
 * parsing (input-limits.ts, json-limits.ts); at most MAX_ISSUES issues are listed. No file access here
 * (load-scenario.ts reads files), so the browser app uses it too. Syntax errors name the usual
 * cause and its fix (a byte-order mark, a trailing comma, a comment); a misspelled or missing
 * field is named at its own line with the closest allowed name.
 */
import { distance } from 'fastest-levenshtein';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { WorldSpec } from '../../sim/index.ts';
import { scenarioSchema, type ScenarioFile } from './scenario-schema.ts';
import { compileScenario, type RawIssue } from './compile-scenario.ts';
import { unknownName } from './unknown-name.ts';
import { semanticChecks } from './semantic-checks.ts';
import { createLocator, formatPath, lineIndex } from './json-position.ts';
import { goalTooDeep, MAX_GOAL_DEPTH, MAX_JSON_DEPTH, tooDeepAt } from './json-limits.ts';
import type { ScenarioIssue } from './scenario-issue.ts';

export type LoadResult =
  | { ok: true; file: string; scenario: ScenarioFile; world: WorldSpec }
  | { ok: false; file: string; errors: ScenarioIssue[] };

/** Issues listed per file; the rest are counted in one last issue. */
export const MAX_ISSUES = 50;

/** The first MAX_ISSUES issues, then a count of the rest; only the listed ones are located in the text (a file with 20,000 problems stays quick). */
function capped<T>(file: string, issues: readonly T[], toIssue: (issue: T) => ScenarioIssue): LoadResult {
  const listed = issues.slice(0, MAX_ISSUES).map(toIssue);
  if (issues.length <= MAX_ISSUES) return { ok: false, file, errors: listed };
  const more = issues.length - MAX_ISSUES;
  return { ok: false, file, errors: [...listed, { file, path: '', message: `… and ${more} more problem${more === 1 ? '' : 's'} (fix the ones above first)` }] };
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
  if (text.startsWith('\uFEFF')) {
    return { ok: false, file: fileName, errors: [{ file: fileName, path: '', line: 1, column: 1, message: 'a UTF-8 byte-order mark at the start: save the file as UTF-8 without BOM' }] };
  }
  const syntaxErrors: ParseError[] = [];
  const value: unknown = parseJsonc(text, syntaxErrors, { allowTrailingComma: false, disallowComments: true });
  if (syntaxErrors.length) {
    // One trailing comma gives two parser errors at the same offset: report it once.
    const seen = new Set<string>();
    const issues = syntaxErrors.flatMap((error) => {
      const message = `JSON syntax error: ${syntaxHint(text, error)}`;
      const key = `${error.offset} ${message}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ offset: error.offset, message }];
    });
    return capped(fileName, issues, ({ offset, message }) => ({ file: fileName, path: '', ...position(offset), message }));
  }
  const locate = createLocator(text);
  const toIssue = (raw: RawIssue): ScenarioIssue => ({ file: fileName, path: formatPath(raw.path), ...locate(raw.at ?? raw.path), message: raw.message, ...(raw.suggestion ? { suggestion: raw.suggestion } : {}) });
  const deepGoal = goalTooDeep(value);
  if (deepGoal) {
    return { ok: false, file: fileName, errors: [toIssue({ path: deepGoal, message: `the goal tree nests deeper than ${MAX_GOAL_DEPTH} levels; allowed: at most ${MAX_GOAL_DEPTH} nested all-of/any-of/not. Flatten it: an all-of inside an all-of can be merged, and not(not(x)) is x` })] };
  }
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    return capped(fileName, parsed.error.issues.flatMap((issue) => describeZodIssue(issue as ZodIssueLike, value)), toIssue);
  }
  const compiled = compileScenario(parsed.data, MAX_ISSUES);
  if (!compiled.world) return capped(fileName, compiled.issues, toIssue);
  const semantic = semanticChecks(compiled.world);
  if (semantic.length) return capped(fileName, semantic, toIssue);
  return { ok: true, file: fileName, scenario: parsed.data, world: compiled.world };
}

/** A parser error in words, with the fix for the usual causes (trailing comma, comment). */
function syntaxHint(text: string, error: ParseError): string {
  const code = printParseErrorCode(error.error);
  if (code === 'InvalidCommentToken') return 'comments are not allowed in scenario JSON: remove the comment (put notes in "description")';
  const closer = text[error.offset];
  if ((closer === '}' || closer === ']') && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    let before = error.offset - 1;
    while (before >= 0 && /\s/.test(text[before]!)) before -= 1;
    if (text[before] === ',') return `trailing comma before ${closer}: remove it`;
  }
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character here',
    PropertyNameExpected: 'expected a field name in double quotes here',
    ValueExpected: 'expected a value here',
    ColonExpected: "expected ':' after the field name",
    CommaExpected: "expected ',' between entries",
    CloseBraceExpected: "expected '}' to close the object",
    CloseBracketExpected: "expected ']' to close the array",
    EndOfFileExpected: 'unexpected text after the end of the JSON value',
    UnexpectedEndOfString: 'a string is not closed: add the closing "',
    UnexpectedEndOfComment: 'a comment is not closed (and comments are not allowed in scenario JSON)',
  };
  return words[code] ? `${words[code]} (${code})` : code;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[segment] : undefined;
  return current;
}

interface ZodIssueLike {
  code: string;
  message: string;
  path: PropertyKey[];
  keys?: string[];
  expected?: string;
  errors?: ZodIssueLike[][];
}

interface ZodDefLike {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDefLike } }>;
  element?: { _zod: { def: ZodDefLike } };
  innerType?: { _zod: { def: ZodDefLike } };
  getter?: () => { _zod: { def: ZodDefLike } };
  options?: { _zod: { def: ZodDefLike } }[];
  discriminator?: string;
}

/** The fields the schema allows for the object at `path` of `root` (by walking the zod schema), or []. */
function knownFields(root: unknown, path: readonly PropertyKey[]): string[] {
  let def: ZodDefLike | undefined = (scenarioSchema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
  const unwrap = (d: ZodDefLike | undefined, at: unknown): ZodDefLike | undefined => {
    for (let guard = 0; d && guard < 10; guard++) {
      if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') d = d.innerType?._zod.def;
      else if (d.type === 'lazy') d = d.getter?.()._zod.def;
      else if (d.type === 'union' && d.discriminator) {
        const tag = (at as Record<string, unknown> | null)?.[d.discriminator];
        d = d.options?.map((option) => option._zod.def).find((option) => (option.shape?.[d!.discriminator!]?._zod.def as { values?: unknown[] } | undefined)?.values?.includes(tag));
      } else return d;
    }
    return d;
  };
  let at: unknown = root;
  def = unwrap(def, at);
  for (const segment of path) {
    at = at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[segment] : undefined;
    if (def?.type === 'object') def = def.shape?.[String(segment)]?._zod.def;
    else if (def?.type === 'array') def = def.element?._zod.def;
    else return [];
    def = unwrap(def, at);
  }
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function describeZodIssue(issue: ZodIssueLike, root: unknown): RawIssue[] {
  const path = issue.path as (string | number)[];
  const bad = valueAt(root, issue.path);
  const got = bad === undefined ? 'nothing' : JSON.stringify(bad)?.slice(0, 60);
  if (issue.code === 'unrecognized_keys') {
    const known = knownFields(root, issue.path);
    return (issue.keys ?? []).map((key) => {
      if (!known.length) return { path: [...path, key], message: `unknown field '${key}'; remove it or check the spelling against scenarios/schema.json` };
      const { message, suggestion } = unknownName('field', key, known);
      // Only a near miss is a misspelling ('titel' → 'title'); 'colour' is not 'layout'.
      if (suggestion && distance(key, suggestion) <= Math.max(2, Math.floor(key.length / 3))) return { path: [...path, key], message: `${message}; fix the spelling or remove it`, suggestion };
      return { path: [...path, key], message: `unknown field '${key}'; allowed here: ${known.join(', ')}. Remove it` };
    });
  }
  if (issue.code === 'invalid_type' && bad === undefined) {
    const field = String(path.at(-1));
    const parentPath = path.slice(0, -1);
    const words: Record<string, string> = { tuple: 'a [x, y] pair', record: 'an object', array: 'an array', object: 'an object', string: 'a string', number: 'a number', boolean: 'true or false' };
    const kind = issue.expected ? (words[issue.expected] ?? `a ${issue.expected}`) : 'required';
    const message = `missing field '${field}' (${kind}); add it${parentPath.length ? ` to ${formatPath(parentPath)}` : ''}`;
    // A near-miss key beside it is the likely cause ('titel' for 'title'): say so, and point at its line.
    const parent = valueAt(root, parentPath);
    const known = knownFields(root, parentPath);
    const misspelled = parent && typeof parent === 'object' && !Array.isArray(parent) ? Object.keys(parent).find((key) => !known.includes(key) && distance(key, field) <= Math.max(2, Math.floor(field.length / 3))) : undefined;
    if (misspelled !== undefined) return [{ path, at: [...parentPath, misspelled], message: `${message}, or rename '${misspelled}' to '${field}' (a misspelling?)`, suggestion: field }];
    return [{ path, message }];
  }
  if (issue.code === 'invalid_union' && bad && typeof bad === 'object' && !Array.isArray(bad)) {
    const has = (key: string): boolean => key in (bad as Record<string, unknown>);
    if (has('id') && has('type')) return [{ path, message: `a selector names one thing by 'id' (like "apple 1") or any thing of a type by 'type' (like "apple"), not both; remove 'id' or 'type' (got ${got})` }];
    if (!has('id') && !has('type')) return [{ path, message: `a selector needs 'id' (one thing, like "apple 1") or 'type' (any of a type, like "apple") (got ${got})` }];
    // One of id/type is there: the errors of the branch it chose say what is wrong.
    const branch = issue.errors?.find((errors) => !errors.some((e) => e.code === 'unrecognized_keys' && e.keys?.some((k) => k === 'id' || k === 'type')));
    if (branch?.length) return branch.flatMap((inner) => describeZodIssue({ ...inner, path: [...path, ...inner.path] }, root));
  }
  return [{ path, message: `${issue.message} (got ${got})` }];
}
