/**
 * The oracle: breadth-first search over the simulator's symbolic state with full knowledge, using
 * snapshot/restore. It proves a scenario solvable and gives a shortest plan among the actions that
 * can matter (see relevance.ts) — so "optimal" means optimal under that pruning. For validation,
 * upper-bound baselines and efficiency metrics only: no harness may call it.
 */
import { createEnvWithPhysics, formatAction, stableStringify, type Action, type HearthEnvExtended, type WorldSpec } from '../../sim/index.ts';
import { relevance, type Relevance } from './relevance.ts';

export interface OracleResult {
  solvable: boolean;
  plan: string[];
  length: number;
  /** States expanded. */
  expanded: number;
  /** True when the search stopped at its budget before proving anything. */
  exhausted: boolean;
}

export interface SolveOptions {
  /** Maximum states to expand (default 200,000). */
  maxExpanded?: number;
  /** Maximum plan length (default: the scenario's step limit, else 50). */
  maxDepth?: number;
}

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

/** Finds a shortest plan (under relevance pruning) from the scenario's start. */
export function solveScenario(world: WorldSpec, options: SolveOptions = {}): OracleResult {
  const env = createEnvWithPhysics('kinematic');
  const maxExpanded = options.maxExpanded ?? 200_000;
  const maxDepth = options.maxDepth ?? world.stepLimit ?? 50;
  env.reset({ scenario: world, seed: 0, stepLimit: maxDepth + 1 });
  const relevant = relevance(world);
  const key = (): string => stableStringify({ ...env.getState(), step: 0 });
  type Node = { snapshot: ReturnType<HearthEnvExtended['snapshot']>; plan: string[] };
  let frontier: Node[] = [{ snapshot: env.snapshot(), plan: [] }];
  const seen = new Set([key()]);
  let expanded = 0;
  for (let depth = 0; depth < maxDepth && frontier.length; depth += 1) {
    const next: Node[] = [];
    for (const node of frontier) {
      env.restore(node.snapshot);
      const actions = env.validActionList().filter((action) => keep(action, relevant)).map(formatAction);
      expanded += 1;
      if (expanded > maxExpanded) return { solvable: false, plan: [], length: 0, expanded, exhausted: true };
      for (const action of actions) {
        env.restore(node.snapshot);
        const result = env.step(action);
        if (!result.info.success) continue;
        const plan = [...node.plan, action];
        if (result.terminated) return { solvable: true, plan, length: plan.length, expanded, exhausted: false };
        const stateKey = key();
        if (seen.has(stateKey)) continue;
        seen.add(stateKey);
        next.push({ snapshot: env.snapshot(), plan });
      }
    }
    frontier = next;
  }
  return { solvable: false, plan: [], length: 0, expanded, exhausted: frontier.length > 0 };
}
