/**
 * Multi-line text parameters (a sandboxed part's JavaScript `source`) as readable blocks for
 * `hearth harness show | diff`: indented lines instead of one escaped JSON string, and a line diff
 * when one changes. Browser-safe, like spec-diff.ts, which uses it.
 */

/** A parameter value shown as a block: text with a line break in it. */
export const isTextBlock = (value: unknown): value is string => typeof value === 'string' && value.includes('\n');

const linesOf = (text: string): string[] => text.replace(/\n$/, '').split('\n');

/** How a block parameter reads inline (its lines follow where the caller lists blocks). */
export const blockPlaceholder = (text: string): string => `(${linesOf(text).length} lines)`;

/** `key:` then the text's lines, indented under it. */
export function blockLines(key: string, text: string, indent = '    '): string[] {
  return [`${indent}${key}:`, ...linesOf(text).map((line) => `${indent}  ${line}`)];
}

/** The block parameters of `params`, each as `blockLines`. */
export function paramBlocks(params: Record<string, unknown>, indent = '    '): string[] {
  return Object.entries(params).flatMap(([key, value]) => (isTextBlock(value) ? blockLines(key, value, indent) : []));
}

/**
 * The lines that differ from `a` to `b` (longest common subsequence), `- ` removed and `+ ` added,
 * with one unchanged line of context around each change and `…` for the lines skipped.
 */
export function lineDiff(a: string, b: string): string[] {
  const left = linesOf(a);
  const right = linesOf(b);
  const common: number[][] = Array.from({ length: left.length + 1 }, () => new Array<number>(right.length + 1).fill(0));
  for (let i = left.length - 1; i >= 0; i -= 1) {
    for (let j = right.length - 1; j >= 0; j -= 1) common[i]![j] = left[i] === right[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  }
  const rows: { mark: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i < left.length && j < right.length && left[i] === right[j]) {
      rows.push({ mark: ' ', line: left[i]! });
      i += 1;
      j += 1;
    }
    else if (i < left.length && (j >= right.length || common[i + 1]![j]! >= common[i]![j + 1]!)) rows.push({ mark: '-', line: left[i++]! });
    else rows.push({ mark: '+', line: right[j++]! });
  }
  const near = (index: number) => rows.slice(Math.max(0, index - 1), index + 2).some((row) => row.mark !== ' ');
  const shown: string[] = [];
  rows.forEach((row, index) => {
    if (near(index)) shown.push(`${row.mark} ${row.line}`);
    else if (shown.at(-1) !== '  …') shown.push('  …');
  });
  return shown;
}
