/**
 * Per-token log-probabilities in OpenAI's two wire shapes — chat (`logprobs.content[]` of
 * `{token, logprob, bytes, top_logprobs}`) and legacy completions (parallel `tokens`,
 * `token_logprobs`, `text_offset`, `top_logprobs` maps) — and the split of an answer into
 * streamed pieces, one per token, each carrying its own entry.
 */
import type { TokenLogprob } from '../model-backend.ts';

/** `choices[].logprobs` of a chat completion (or of one streamed chunk). */
export function chatLogprobs(entries: TokenLogprob[]) {
  return {
    content: entries.map((entry) => ({
      token: entry.token,
      logprob: entry.logprob,
      bytes: entry.bytes,
      top_logprobs: entry.top.map(({ token, logprob, bytes }) => ({ token, logprob, bytes })),
    })),
    refusal: null,
  };
}

/** `choices[].logprobs` of a legacy completion; `offset` is where the first token starts in the answer's `text`. */
export function completionLogprobs(entries: TokenLogprob[], offset: number) {
  const textOffset: number[] = [];
  for (const entry of entries) {
    textOffset.push(offset);
    offset += entry.token.length;
  }
  return {
    tokens: entries.map((entry) => entry.token),
    token_logprobs: entries.map((entry) => entry.logprob),
    text_offset: textOffset,
    top_logprobs: entries.map((entry) => Object.fromEntries(entry.top.map((item) => [item.token, item.logprob]))),
  };
}

/** One streamed piece of an answer and the log-probability entries it covers (undefined: none asked). */
export interface StreamPiece {
  text: string;
  entries?: TokenLogprob[];
}

/**
 * One piece per token when the entries spell out `text` exactly; otherwise (no logprobs, an
 * empty answer, or an answer the server wrapped in JSON) the whole text as one piece.
 */
export function streamPieces(text: string, entries: TokenLogprob[] | undefined): StreamPiece[] {
  if (!entries) return [{ text }];
  if (entries.length === 0 || entries.map((entry) => entry.token).join('') !== text) return [{ text, entries }];
  return entries.map((entry) => ({ text: entry.token, entries: [entry] }));
}
