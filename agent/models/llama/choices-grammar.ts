/** A GBNF grammar whose only sentences are the given strings. */
export function choicesGrammar(choices: readonly string[]): string {
  if (choices.length === 0) throw new Error('choicesGrammar needs at least one choice');
  const alternatives = choices.map((choice) => JSON.stringify(choice)).join(' | ');
  return `root ::= ${alternatives}`;
}
