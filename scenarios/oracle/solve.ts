/**
 * The oracle: breadth-first search over the simulator's symbolic state with full knowledge. It
 * proves a scenario solvable and gives a shortest plan among the actions that can matter (see
 * relevance.ts) — so "optimal" means optimal under that pruning. For validation, upper-bound
 * baselines and efficiency metrics only: no harness may call it.
 *
 * Three outcomes: `solved`; `unsolvable` (every plan of at most `maxDepth` steps was ruled out);
 * `gave-up` (a budget — states kept, states expanded or seconds — ran out first: nothing is
 * proven). Kept states share their unchanged parts (`restoreState`) and are deduplicated by a
 * 128-bit digest, so a state costs a few hundred bytes.
 */
import { createEnvWithPhysics, formatAction, hashJson, type Action, type WorldSpec, type WorldState } from '../../sim/index.ts';
import { relevance, type Relevance } from './relevance.ts';

export type OracleOutcome = 'solved' | 'unsolvable' | 'gave-up';
export type OracleBudget = 'states' | 'expanded' | 'seconds';

export interface OracleResult {
  outcome: OracleOutcome;
  /** outcome === 'solved'. */
  solvable: boolean;
  plan: string[];
  length: number;
  /** States expanded. */
  expanded: number;
  /** Distinct states reached (what the search holds in memory). */
  states: number;
  seconds: number;
  /** Which budget ran out (outcome 'gave-up'). */
  budget?: OracleBudget;
  /** True when the search stopped at a budget or at `maxDepth` with states left to expand. */
  exhausted: boolean;
}

export interface SearchProgress {
  depth: number;
  expanded: number;
  states: number;
  seconds: number;
}

export interface SolveOptions {
  /** Maximum states to expand (default 200,000). */
  maxExpanded?: number;
  /** Maximum distinct states to keep (default: no limit but maxExpanded). */
  maxStates?: number;
  /** Maximum wall-clock seconds (default: none, so results never depend on the machine). */
  maxSeconds?: number;
  /** Maximum plan length (default: the scenario's step limit, else 50). */
  maxDepth?: number;
  /** Called about four times a second while searching. */
  onProgress?: (progress: SearchProgress) => void;
}

/** The budgets `hearth scenarios solve` uses unless told otherwise. */
export const CLI_BUDGET = { maxStates: 2_000_000, maxSeconds: 60 } as const;

function keep(a: Action, relevant: Relevance): boolean {
  switch (a.type) {
    case 'look':
    case 'inventory':
    case 'close':
      return false;
    case 'examine':
      return relevant.objects.has(a.target);
    case 'take':
      return relevant.objects.has(a.object);
    case 'go-to':
    case 'toggle':
      return relevant.receptacles.has(a.target);
    case 'open':
      return a.target.startsWith('door ') || relevant.receptacles.has(a.target);
    case 'put':
      return relevant.receptacles.has(a.into) || !relevant.objects.has(a.object);
    default:
      return true;
  }
}

type Node = { state: WorldState; parent: Node | null; action: string };

function planOf(node: Node): string[] {
  const plan: string[] = [];
  for (let at: Node | null = node; at?.parent; at = at.parent) plan.push(at.action);
  return plan.reverse();
}

/** Finds a shortest plan (under relevance pruning) from the scenario's start. */
export function solveScenario(world: WorldSpec, options: SolveOptions = {}): OracleResult {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  const env = createEnvWithPhysics('kinematic');
  const maxExpanded = options.maxExpanded ?? 200_000;
  const maxStates = options.maxStates ?? Infinity;
  const maxSeconds = options.maxSeconds ?? Infinity;
  const maxDepth = options.maxDepth ?? world.stepLimit ?? 50;
  env.reset({ scenario: world, seed: 0, stepLimit: maxDepth + 1 });
  const relevant = relevance(world);
  const key = (state: WorldState): string => hashJson({ ...state, step: 0 }).slice(0, 32);
  let frontier: Node[] = [{ state: env.getState(), parent: null, action: '' }];
  const seen = new Set([key(frontier[0]!.state)]);
  let expanded = 0;
  let lastReport = -Infinity;
  const result = (outcome: OracleOutcome, node?: Node, budget?: OracleBudget): OracleResult => {
    const plan = node ? planOf(node) : [];
    const exhausted = budget !== undefined || (outcome === 'unsolvable' && frontier.length > 0);
    return { outcome, solvable: outcome === 'solved', plan, length: plan.length, expanded, states: seen.size, seconds: seconds(), ...(budget ? { budget } : {}), exhausted };
  };
  for (let depth = 0; depth < maxDepth && frontier.length; depth += 1) {
    const next: Node[] = [];
    for (const node of frontier) {
      env.restoreState(node.state);
      const actions = env.validActionList().filter((action) => keep(action, relevant)).map(formatAction);
      expanded += 1;
      if (expanded > maxExpanded) return result('gave-up', undefined, 'expanded');
      if ((expanded & 63) === 0) {
        const now = seconds();
        if (now > maxSeconds) return result('gave-up', undefined, 'seconds');
        if (options.onProgress && now - lastReport >= 0.25) {
          lastReport = now;
          options.onProgress({ depth, expanded, states: seen.size, seconds: now });
        }
      }
      for (const action of actions) {
        env.restoreState(node.state);
        const stepped = env.step(action);
        if (!stepped.info.success) continue;
        const child: Node = { state: env.getState(), parent: node, action };
        if (stepped.terminated) return result('solved', child);
        const stateKey = key(child.state);
        if (seen.has(stateKey)) continue;
        if (seen.size >= maxStates) return result('gave-up', undefined, 'states');
        seen.add(stateKey);
        next.push(child);
      }
    }
    frontier = next;
  }
  return result('unsolvable');
}
