/**
 * PDDL export of a scenario: `exportPddl(world)` gives the domain, the problem and the oracle's
 * plan as PDDL action lines — or one clear error saying what cannot be exported and why. Before
 * answering it checks its own work: the room model must agree with the simulator on which
 * furniture the agent can reach at the start, and the plan must pass `validatePlan`.
 */
import { CELL_DOOR, compileWorld, createEnvWithPhysics, initialState, movablesSeenFrom, type WorldSpec, type WorldState } from '../../sim/index.ts';
import { solveScenario } from '../oracle/solve.ts';
import { encodeGoal } from './goal-encoding.ts';
import { buildLayout, cellText, type HouseLayout } from './house-layout.ts';
import { analyzeFloor } from './movable-analysis.ts';
import { domainText } from './pddl-domain.ts';
import { staticFacts, stateFacts } from './pddl-facts.ts';
import { pddlName, taskName } from './pddl-names.ts';
import { atomText, parseDomain, parseProblem, type StripsDomain, type StripsProblem } from './pddl-parse.ts';
import { problemText } from './pddl-problem.ts';
import { planToPddl } from './plan-to-pddl.ts';
import { findBindings } from './strips-apply.ts';
import { validatePlan } from './validate-plan.ts';

export interface PddlExport {
  domain: string;
  problem: string;
  /** The oracle's plan as PDDL action lines, goal checks last. */
  plan: string[];
  /** The oracle's plan as sim action texts. */
  simPlan: string[];
}

export type ExportResult = ({ ok: true } & PddlExport) | { ok: false; error: string };

export interface ExportOptions {
  /** Sim action texts to translate instead of asking the oracle. */
  plan?: readonly string[];
}

type Step<T> = { ok: true; value: T } | { ok: false; error: string };

/** The agent must start in its room's one walkable area (or in a doorway, or at furniture). */
function agentStartError(layout: HouseLayout, state: WorldState, mainArea: Map<string, Set<number>>): string | null {
  if (state.agent.at !== null) return null;
  const cell = state.agent.cell[1] * layout.width + state.agent.cell[0];
  if (layout.kind[cell] === CELL_DOOR || mainArea.get(state.agent.room)?.has(cell)) return null;
  return `the agent starts at ${cellText(layout, cell)}, cut off from the rest of room '${state.agent.room}'; the PDDL export cannot tell that`;
}

/** Domain and problem texts (parsed too) for a world. */
function buildTask(world: WorldSpec): Step<{ layout: HouseLayout; domain: string; problem: string; parsed: { domain: StripsDomain; problem: StripsProblem } }> {
  const compiled = compileWorld(world);
  const built = buildLayout(compiled);
  if (!built.ok) return built;
  const { layout } = built;
  const initial = initialState(compiled);
  const floor = analyzeFloor(layout, initial.movables);
  if (!floor.ok) return floor;
  const startError = agentStartError(layout, initial, floor.facts.mainArea);
  if (startError) return { ok: false, error: startError };
  const goal = encodeGoal(world);
  if (!goal.ok) return goal;
  const facts = stateFacts(world, layout, initial);
  if (!facts.ok) return facts;
  const name = taskName(world.id);
  const domain = domainText({ name, maxRouteDoors: layout.maxRouteDoors, goal: goal.encoding });
  const seen = layout.rooms.flatMap((room) => movablesSeenFrom(compiled, initial.movables, room).map((m): [string, string] => [m, room]));
  const problem = problemText({ name, domainName: name, world, layout, init: [...staticFacts(world, layout, floor.facts, seen), ...facts.facts, ...goal.encoding.init], goal: goal.encoding.goal });
  if (!problem.ok) return problem;
  const parsedDomain = parseDomain(domain);
  if (!parsedDomain.ok) return { ok: false, error: `internal error, the exported domain does not parse: ${parsedDomain.error}` };
  const parsedProblem = parseProblem(problem.text, parsedDomain.value);
  if (!parsedProblem.ok) return { ok: false, error: `internal error, the exported problem does not parse: ${parsedProblem.error}` };
  return { ok: true, value: { layout, domain, problem: problem.text, parsed: { domain: parsedDomain.value, problem: parsedProblem.value } } };
}

/** From the start, the sim and the model must agree on which furniture `go to` reaches. */
function reachabilityDisagreement(world: WorldSpec, parsed: { domain: StripsDomain; problem: StripsProblem }): string | null {
  const env = createEnvWithPhysics('kinematic');
  env.reset({ scenario: world, seed: 0 });
  const start = env.snapshot();
  const state = new Set(parsed.problem.init.map(atomText));
  const goSchemas = [...parsed.domain.actions.values()].filter((a) => a.name.startsWith('go-'));
  for (const r of world.receptacles) {
    if (r.id === world.agent.at) continue;
    env.restore(start);
    const sim = env.step(`go to ${r.id}`).info.success;
    const model = goSchemas.some((schema) => findBindings(parsed.domain, parsed.problem, schema, state, { '?to': pddlName(r.id) }, 1).length > 0);
    if (sim !== model) return `the room model and the simulator disagree about reaching ${r.id} from the start (simulator: ${sim ? 'reachable' : 'not reachable'}, PDDL: ${model ? 'reachable' : 'not reachable'})`;
  }
  return null;
}

/** Exports a world as PDDL domain, problem and oracle plan, or says why it cannot. */
export function exportPddl(world: WorldSpec, options: ExportOptions = {}): ExportResult {
  try {
    const task = buildTask(world);
    if (!task.ok) return task;
    const { layout, domain, problem, parsed } = task.value;
    const disagreement = reachabilityDisagreement(world, parsed);
    if (disagreement) return { ok: false, error: disagreement };
    let simPlan = options.plan ? [...options.plan] : undefined;
    if (!simPlan) {
      const oracle = solveScenario(world);
      if (oracle.outcome === 'gave-up') return { ok: false, error: `the oracle gave up after ${oracle.states} states (its ${oracle.budget} budget ran out), so there is no plan to export; nothing is proven: see hearth scenarios solve --max-states/--max-seconds` };
      if (!oracle.solvable) return { ok: false, error: `the oracle found no plan${oracle.exhausted ? ` of at most ${world.stepLimit ?? 50} steps (the step limit)` : ': the goal cannot be reached'}, so there is no plan to export` };
      simPlan = oracle.plan;
    }
    const translated = planToPddl({ world, layout, domain: parsed.domain, problem: parsed.problem }, simPlan);
    if (!translated.ok) return translated;
    const check = validatePlan(domain, problem, translated.lines);
    if (!check.valid) return { ok: false, error: `internal error, the translated plan does not validate: ${check.reason}` };
    return { ok: true, domain, problem, plan: translated.lines, simPlan };
  } catch (error) {
    return { ok: false, error: `cannot export ${world.id}: ${(error as Error).message}` };
  }
}
