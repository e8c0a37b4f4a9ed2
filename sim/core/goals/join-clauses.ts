/** "a, b and c" / "a, b or c" for composite goal text. */
export function joinClauses(clauses: string[], word: string): string {
  if (clauses.length <= 1) return clauses[0] ?? '';
  return `${clauses.slice(0, -1).join(', ')} ${word} ${clauses[clauses.length - 1]}`;
}
