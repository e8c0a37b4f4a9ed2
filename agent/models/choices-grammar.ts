/**
 * A GBNF grammar whose only sentences are the given strings: how a selector constrains generation
 * to the valid actions. Backend-neutral (llama.cpp, wllama and llama.cpp's server all read GBNF),
 * so harness parts and every backend share it.
 */

/** `root ::= "a" | "b" | …` for the choices, each JSON-quoted. */
export function choicesGrammar(choices: readonly string[]): string {
  if (choices.length === 0) throw new Error('choicesGrammar needs at least one choice');
  const alternatives = choices.map((choice) => JSON.stringify(choice)).join(' | ');
  return `root ::= ${alternatives}`;
}
