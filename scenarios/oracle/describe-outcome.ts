/**
 * An oracle result that is not a plan, in words: gave up (which budget, nothing proven) or
 * unsolvable (within the step limit, or at all). Browser-safe: `hearth scenarios solve` and the
 * browser app's scenario editor print the same sentence.
 */
import type { OracleResult } from './solve.ts';

const count = (n: number): string => n.toLocaleString('en-US');

/** `raise` says how to give the search more budget where the sentence is shown. */
export function describeOracleFailure(result: OracleResult, maxDepth: number, raise = 'raise --max-states/--max-seconds'): string {
  const used = `${count(result.states)} states (${result.seconds.toFixed(1)} s)`;
  if (result.outcome === 'gave-up') {
    const which = result.budget === 'seconds' ? 'the time budget' : 'the state budget';
    return `gave up after ${used}: ${which} ran out, so nothing is proven either way; ${raise}`;
  }
  if (result.exhausted) return `unsolvable within the step limit: no plan of at most ${maxDepth} steps exists (searched ${used})`;
  return `unsolvable: no plan reaches the goal (searched all ${used} reachable)`;
}
