/**
 * A tiny s-expression reader for PDDL text: parenthesised lists of symbols, `;` comments to the
 * end of the line. Symbols are lower-cased (PDDL is case-insensitive). Errors name the line.
 */

export type SExpr = string | SExpr[];

export type SExprResult = { ok: true; forms: SExpr[] } | { ok: false; error: string };

/** Every top-level form of the text, or the first syntax error. */
export function parseSExprs(text: string): SExprResult {
  const stack: SExpr[][] = [[]];
  const openedAt: number[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') line += 1;
    if (ch === ';') {
      while (i < text.length && text[i] !== '\n') i += 1;
      continue;
    }
    if (ch === '(') {
      stack.push([]);
      openedAt.push(line);
    } else if (ch === ')') {
      if (stack.length === 1) return { ok: false, error: `line ${line}: unexpected ')'` };
      const done = stack.pop()!;
      openedAt.pop();
      stack[stack.length - 1]!.push(done);
    } else if (!/\s/.test(ch)) {
      let end = i;
      while (end < text.length && !/[\s();]/.test(text[end]!)) end += 1;
      stack[stack.length - 1]!.push(text.slice(i, end).toLowerCase());
      i = end;
      continue;
    }
    i += 1;
  }
  if (stack.length > 1) return { ok: false, error: `line ${openedAt[openedAt.length - 1]}: '(' is never closed` };
  return { ok: true, forms: stack[0]! };
}

/** Prints a form back as one line of PDDL. */
export function printSExpr(form: SExpr): string {
  return typeof form === 'string' ? form : `(${form.map(printSExpr).join(' ')})`;
}
