/**
 * Log-likelihood of candidate continuations. The sequence holds the context minus its last token;
 * for each candidate we evaluate [last context token, candidate tokens except the last] asking for
 * the logits of just the candidate's tokens plus the greedy (argmax) token's and the total weight
 * Σexp(logit − max), which give the log-softmax without copying the whole vocabulary (cheaper
 * than `includeTop`, which sorts it), then erase back.
 */
import type { ControlledEvaluateIndexOutput, LlamaContextSequence, Token } from 'node-llama-cpp';
import type { ChoiceScore } from '../model-backend.ts';
import type { CallGuard } from '../call-guard.ts';

export async function scoreCandidates(
  sequence: LlamaContextSequence,
  context: Token[],
  candidates: Token[][],
  texts: string[],
  guard: CallGuard,
): Promise<ChoiceScore[]> {
  const base = context.length - 1;
  const lastContextToken = context[base]!;
  const scores: ChoiceScore[] = [];
  for (const [index, tokens] of candidates.entries()) {
    guard.check();
    const inputs = [lastContextToken, ...tokens.slice(0, -1)];
    const items = inputs.map((token, position) => [
      token,
      { generateNext: { token: true, logits: { filter: { tokens: [tokens[position]!], includeSelected: true } }, totalLogitWeight: true } },
    ]) as Parameters<LlamaContextSequence['controlledEvaluate']>[0];
    const outputs = tokens.length === 0 ? [] : await sequence.controlledEvaluate(items);
    let logProb = 0;
    for (const [position, token] of tokens.entries()) logProb += logSoftmax(outputs[position]?.next, token);
    await sequence.eraseContextTokenRanges([{ start: base, end: sequence.nextTokenIndex }]);
    scores.push({ candidate: texts[index]!, logProb, meanLogProb: tokens.length ? logProb / tokens.length : 0, tokens: tokens.length });
  }
  return scores;
}

/**
 * log p(token) at one position from its filtered logits — which must hold `token` and the largest
 * logit (the greedy token) — and its total logit weight Σexp(logit − max).
 */
export function logSoftmax(next: ControlledEvaluateIndexOutput['next'] | undefined, token: Token): number {
  const logit = next?.logits?.get(token);
  if (logit === undefined || next?.totalLogitWeight === undefined) throw new Error('llama.cpp returned no logits for a scored token');
  let max = -Infinity;
  for (const value of next.logits!.values()) max = Math.max(max, value);
  return logit - max - Math.log(next.totalLogitWeight);
}
