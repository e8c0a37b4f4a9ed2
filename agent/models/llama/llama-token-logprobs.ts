/**
 * Per-token log-probabilities of a generated text (OpenAI's `logprobs` / `top_logprobs`). After
 * generation the sequence is rewound to the prompt minus its last token and the generated tokens
 * are evaluated again in one batch, asking at each position for the logits of the generated token,
 * of the greedy one and of the `top` best, plus the total logit weight (as choice scoring does, see
 * llama-scoring.ts). That is the model's raw distribution — before temperature, grammar or choice
 * constraints — which is also what vLLM reports by default. The sequence then holds the prompt and
 * the generated tokens but the last, as after a plain generation, so the prefix cache is unchanged.
 */
import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import type { TokenAlternative, TokenLogprob } from '../model-backend.ts';
import type { CallGuard } from '../call-guard.ts';
import { logSoftmax } from './llama-scoring.ts';

/** OpenAI's bound on `top_logprobs`. */
export const MAX_TOP_LOGPROBS = 20;

const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];

/**
 * One entry per token of `generated` that contributes to `text` (the generated text, possibly cut
 * at a stop string); the entries' token texts concatenate to `text`.
 */
export async function generatedTokenLogprobs(
  model: LlamaModel,
  sequence: LlamaContextSequence,
  prompt: Token[],
  generated: Token[],
  text: string,
  top: number,
  guard: CallGuard,
): Promise<TokenLogprob[]> {
  guard.check();
  if (generated.length === 0 || text === '') return [];
  const base = prompt.length - 1;
  if (sequence.nextTokenIndex > base) await sequence.eraseContextTokenRanges([{ start: base, end: sequence.nextTokenIndex }]);
  const inputs = [prompt[base]!, ...generated.slice(0, -1)];
  const items = inputs.map((token, position) => [
    token,
    { generateNext: { logits: { filter: { tokens: [generated[position]!], includeMax: true, includeTop: top } }, totalLogitWeight: true } },
  ]) as Parameters<LlamaContextSequence['controlledEvaluate']>[0];
  const outputs = await sequence.controlledEvaluate(items);
  const pieces = tokenTexts(model, generated);
  const entries: TokenLogprob[] = [];
  let offset = 0;
  for (const [position, token] of generated.entries()) {
    if (offset >= text.length) break; // past a stop string
    const piece = pieces[position]!.slice(0, text.length - offset);
    offset += piece.length;
    const next = outputs[position]?.next;
    entries.push({ token: piece, bytes: utf8(piece), logprob: logSoftmax(next, token), top: topAlternatives(model, next, top, generated.slice(0, position)) });
  }
  return entries;
}

/** The `top` most likely tokens at one position, best first. */
function topAlternatives(model: LlamaModel, next: Parameters<typeof logSoftmax>[0], top: number, before: Token[]): TokenAlternative[] {
  if (top === 0 || !next?.logits) return [];
  const best = [...next.logits.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return best.map(([token]) => {
    const text = model.detokenize([token], true, before);
    return { token: text, bytes: utf8(text), logprob: logSoftmax(next, token) };
  });
}

/**
 * The text each token adds to the detokenized output. A token that ends inside a multi-byte
 * character (the prefix then ends in U+FFFD) adds '' and the token completing it adds the whole
 * character, so the texts always concatenate to `detokenize(tokens)`.
 */
function tokenTexts(model: LlamaModel, tokens: Token[]): string[] {
  const texts: string[] = [];
  let previous = '';
  for (let end = 1; end <= tokens.length; end++) {
    const prefix = model.detokenize(tokens.slice(0, end));
    if (end < tokens.length && prefix.endsWith('\uFFFD')) {
      texts.push('');
      continue;
    }
    texts.push(prefix.startsWith(previous) ? prefix.slice(previous.length) : model.detokenize([tokens[end - 1]!], false, tokens.slice(0, end - 1)));
    previous = prefix;
  }
  return texts;
}
