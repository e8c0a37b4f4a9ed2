/**
 * Candidate scores from `/completions` with `echo: true` and `logprobs`: the server returns the
 * prompt's own tokens with their log-probabilities and character offsets, so the candidate's
 * log-likelihood is the sum over the tokens that lie after the context. A token straddling the
 * boundary (the tokenizer merged the context's end with the candidate's start) counts for the
 * candidate: it is the first token whose choice depended on the candidate.
 */
import type { z } from 'zod';
import type { ChoiceScore } from '../model-backend.ts';
import type { completionLogprobsSchema } from './openai-responses.ts';

type EchoLogprobs = z.infer<typeof completionLogprobsSchema>;

/** Why an echo answer cannot be scored (the server did not really echo the prompt's log-probs). */
export class EchoUnsupported extends Error {}

/** Character offsets of each token: the server's, or running lengths when it sends none. */
function offsetsOf(logprobs: EchoLogprobs): number[] {
  if (logprobs.text_offset && logprobs.text_offset.length === logprobs.tokens.length) return logprobs.text_offset;
  let at = 0;
  return logprobs.tokens.map((token) => ((at += token.length), at - token.length));
}

/** Score of `candidate` after `context` from the echoed log-probs of `context + candidate`. */
export function echoScore(context: string, candidate: string, logprobs: EchoLogprobs | null | undefined): ChoiceScore {
  if (!logprobs || logprobs.tokens.length === 0) throw new EchoUnsupported('the answer has no logprobs');
  const offsets = offsetsOf(logprobs);
  const end = context.length + candidate.length;
  // A real echo starts at the prompt's first character; servers that ignore `echo` start at the generated text.
  if (offsets[0] !== 0 || logprobs.tokens.length !== logprobs.token_logprobs.length) {
    throw new EchoUnsupported(`the logprobs do not start at the prompt (first offset ${offsets[0]}, ${logprobs.tokens.length} tokens)`);
  }
  let logProb = 0;
  let tokens = 0;
  for (const [index, token] of logprobs.tokens.entries()) {
    const start = offsets[index]!;
    if (start >= end) break;
    if (start + token.length <= context.length) continue;
    const value = logprobs.token_logprobs[index];
    if (value === null || value === undefined) throw new EchoUnsupported(`no log-probability for prompt token ${index} ${JSON.stringify(token)}`);
    logProb += value;
    tokens++;
  }
  if (tokens === 0 && candidate.length > 0) throw new EchoUnsupported('no echoed token covers the candidate');
  return { candidate, logProb, meanLogProb: tokens ? logProb / tokens : 0, tokens };
}
