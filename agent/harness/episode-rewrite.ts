/**
 * Rewriting the harness in the middle of an episode: a part asks (`HookContext.rewrite`), the edits
 * are checked at once against the harness the episode runs with (plus any rewrite already asked for
 * this turn), and between turns the runner swaps in the rebuilt parts. Unchanged parts keep their
 * instance and store; only new ones start fresh (and get `episode-start`). The `BuiltHarness` the
 * episode was started with is never touched, so the next episode starts without the rewrite.
 */
import type { EpisodeParts, BuiltHarness, LivePart } from './build-harness.ts';
import type { RewriteAnswer } from './define-part.ts';
import type { HarnessEdit } from './harness-edits.ts';
import { HarnessError } from './harness-error.ts';

/** One episode's rewrites: the harness it runs with now, and the one asked for next. */
export interface EpisodeRewriter {
  /** The harness the episode runs with now. */
  readonly current: BuiltHarness;
  /** Checks `edits` against the harness of the next turn and, when they fit, makes them pending. */
  request(edits: readonly HarnessEdit[]): RewriteAnswer;
  /** Between turns: swaps in the pending harness; its parts (unchanged ones carried over) and the new ones, or null when nothing is pending. */
  take(parts: EpisodeParts): { parts: EpisodeParts; fresh: LivePart[] } | null;
}

/** Starts the rewrite bookkeeping of an episode played with `harness`. */
export function createEpisodeRewriter(harness: BuiltHarness): EpisodeRewriter {
  let current = harness;
  let pending: BuiltHarness | null = null;
  return {
    get current() {
      return current;
    },
    request(edits) {
      try {
        pending = (pending ?? current).edited(edits);
        return { accepted: true, harnessId: pending.id };
      } catch (error) {
        if (!(error instanceof HarnessError)) throw error;
        return { accepted: false, reason: error.message };
      }
    },
    take(parts) {
      if (!pending) return null;
      current = pending;
      pending = null;
      const next = current.instantiate(parts);
      const kept = new Set([...parts.hooked, parts.promptBuilder, parts.selector].map((part) => part.instance));
      return { parts: next, fresh: next.hooked.filter((part) => !kept.has(part.instance)) };
    },
  };
}
