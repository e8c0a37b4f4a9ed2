/**
 * The limits on scenario JSON that need no file system (input-limits.ts has the file checks):
 * JSON nested at most 2,500 levels and a goal tree at most 32 levels deep. Browser-safe.
 */

/** Far beyond any scenario (about 10 levels, a goal tree at most 32 of its own) and well within what the JSON parser's recursion survives (≈ 4,000). */
export const MAX_JSON_DEPTH = 2500;
export const MAX_GOAL_DEPTH = 32;

/** The offset where JSON text first nests deeper than MAX_JSON_DEPTH (brackets outside strings), or -1. */
export function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

/**
 * The JSON path of the first goal node deeper than MAX_GOAL_DEPTH in a parsed (not yet
 * schema-checked) scenario, or null. Walks with its own stack.
 */
export function goalTooDeep(value: unknown): (string | number)[] | null {
  const root = (value as { goal?: { tree?: unknown } } | null)?.goal?.tree;
  const stack: { node: unknown; depth: number; path: (string | number)[] }[] = [{ node: root, depth: 1, path: ['goal', 'tree'] }];
  while (stack.length) {
    const { node, depth, path } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > MAX_GOAL_DEPTH) return path;
    const { goal, goals } = node as { goal?: unknown; goals?: unknown };
    if (goal !== undefined) stack.push({ node: goal, depth: depth + 1, path: [...path, 'goal'] });
    if (Array.isArray(goals)) goals.forEach((child, index) => stack.push({ node: child, depth: depth + 1, path: [...path, 'goals', index] }));
  }
  return null;
}
