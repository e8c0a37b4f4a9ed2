/**
 * The oracle's plan (sim action texts) as PDDL action lines. Each step runs in a kinematic sim;
 * the PDDL action chosen for it is the grounding of the matching schema(s) — `go to` may be any
 * `go-*` route — that applies in the current PDDL state and leads to exactly the facts of the new
 * sim state (so routes, push landings and lamp switches are read off the sim, never guessed).
 * Steps that change no fact (a plain `examine`, `look`) are dropped. When the sim pushes without
 * leaving the furniture the agent stands at, a `go-same-room` back to it follows the push. After
 * the last step the goal's achieve actions are added: applied until the goal holds, then pruned
 * to those the goal needs. Any disagreement between model and sim is an error naming the step.
 */
import { createEnvWithPhysics, parseAction, type Action, type WorldSpec } from '../../sim/index.ts';
import type { HouseLayout } from './house-layout.ts';
import { atomText, type ActionSchema, type StripsDomain, type StripsProblem } from './pddl-parse.ts';
import { pddlName } from './pddl-names.ts';
import { stateFacts } from './pddl-facts.ts';
import { actionLine, applyAction, findBindings, fluentPredicates, groundAtom, type Binding } from './strips-apply.ts';

export interface TranslationInput {
  world: WorldSpec;
  layout: HouseLayout;
  domain: StripsDomain;
  problem: StripsProblem;
}

export type PlanTranslation = { ok: true; lines: string[] } | { ok: false; error: string };

interface Candidate {
  schemas: string[];
  fixed: Binding;
}

/** Which schemas may render a sim action, with the parameters its text fixes. */
function candidatesFor(action: Action, domain: StripsDomain): Candidate | null {
  const n = pddlName;
  switch (action.type) {
    case 'go-to':
      return { schemas: [...domain.actions.keys()].filter((name) => name.startsWith('go-')), fixed: { '?to': n(action.target) } };
    case 'open':
    case 'close':
      return action.target.startsWith('door ')
        ? { schemas: [`${action.type}-door`], fixed: { '?d': n(action.target) } }
        : { schemas: [`${action.type}-receptacle`], fixed: { '?r': n(action.target) } };
    case 'take':
      return { schemas: ['take'], fixed: { '?o': n(action.object), '?r': n(action.from) } };
    case 'put':
      return { schemas: ['put'], fixed: { '?o': n(action.object), '?r': n(action.into) } };
    case 'heat':
    case 'cool':
    case 'clean':
      return { schemas: [action.type], fixed: { '?o': n(action.object), '?r': n(action.with) } };
    case 'slice':
      return { schemas: ['slice'], fixed: { '?o': n(action.object), '?k': n(action.with) } };
    case 'toggle':
      return { schemas: ['switch-on', 'switch-off'], fixed: { '?l': n(action.target) } };
    case 'examine':
      return { schemas: ['examine-under-light'], fixed: { '?o': n(action.target) } };
    case 'push':
      return { schemas: [...domain.actions.keys()].filter((name) => name.startsWith('push-')), fixed: { '?m': n(action.target) } };
    default:
      return null;
  }
}

type Step = { schema: ActionSchema; binding: Binding };

class Translator {
  private readonly fluent: Set<string>;

  constructor(private readonly input: TranslationInput) {
    this.fluent = fluentPredicates(input.domain);
    this.fluent.add('acting');
  }

  /** The fluent atoms of a state, sorted, one per line: a comparable string. */
  key(state: ReadonlySet<string>): string {
    return [...state].filter((atom) => this.fluent.has(atom.slice(1).split(/[ )]/)[0]!)).sort().join('\n');
  }

  groundings(candidate: Candidate, state: ReadonlySet<string>): Step[] {
    const { domain, problem } = this.input;
    return candidate.schemas.flatMap((name) => {
      const schema = domain.actions.get(name);
      return schema ? findBindings(domain, problem, schema, state, candidate.fixed).map((binding) => ({ schema, binding })) : [];
    });
  }

  /** PDDL steps taking `state` to exactly the fluent facts `target`, or null. */
  match(action: Action, state: ReadonlySet<string>, target: string, simAt: string | null): Step[] | null {
    const candidate = candidatesFor(action, this.input.domain);
    if (!candidate) return null;
    for (const step of this.groundings(candidate, state)) {
      const next = applyAction(step.schema, step.binding, state);
      if (this.key(next) === target) return [step];
      // A push from right beside the furniture the agent stands at keeps it there in the sim.
      if (action.type === 'push' && simAt !== null) {
        const back = this.groundings({ schemas: ['go-same-room'], fixed: { '?to': pddlName(simAt) } }, next);
        for (const go of back) if (this.key(applyAction(go.schema, go.binding, next)) === target) return [step, go];
      }
    }
    return null;
  }

  /** Achieve actions applied until the goal holds, then only those the goal needs. */
  goalSteps(start: ReadonlySet<string>): Step[] | string {
    const { domain, problem } = this.input;
    const goal = problem.goal.map((atom) => groundAtom(atom, {}));
    const achieve = [...domain.actions.values()].filter((a) => a.name.startsWith('achieve-'));
    const applied: Step[] = [];
    let state: Set<string> = new Set(start);
    while (!goal.every((atom) => state.has(atom))) {
      let progress = false;
      for (const schema of achieve) {
        for (const binding of findBindings(domain, problem, schema, state)) {
          if (schema.add.every((atom) => state.has(groundAtom(atom, binding)))) continue;
          state = applyAction(schema, binding, state);
          applied.push({ schema, binding });
          progress = true;
        }
      }
      if (!progress) return `after the oracle's plan the PDDL goal is not reached: ${goal.filter((atom) => !state.has(atom)).join(' ')} cannot be achieved (the model and the simulator disagree)`;
    }
    const needed = new Set(goal);
    const kept: Step[] = [];
    for (const step of [...applied].reverse()) {
      if (!step.schema.add.some((atom) => needed.has(groundAtom(atom, step.binding)))) continue;
      kept.unshift(step);
      for (const atom of step.schema.pre) needed.add(groundAtom(atom, step.binding));
    }
    return kept;
  }
}

/** Translates oracle plan texts into PDDL action lines (world steps, then goal checks). */
export function planToPddl(input: TranslationInput, plan: readonly string[]): PlanTranslation {
  const { world, layout, problem } = input;
  const translator = new Translator(input);
  const env = createEnvWithPhysics('kinematic');
  env.reset({ scenario: world, seed: 0, stepLimit: plan.length + 1 });
  let state: Set<string> = new Set(problem.init.map(atomText));
  const lines: string[] = [];
  for (let i = 0; i < plan.length; i++) {
    const text = plan[i]!;
    const label = `step ${i + 1} (${text})`;
    const before = env.getState();
    const parsed = parseAction(text, { at: before.agent.at, holding: before.agent.holding, resolve: (name) => name });
    if (!parsed.ok) return { ok: false, error: `${label}: the simulator does not read it as an action: ${parsed.message}` };
    const result = env.step(text);
    if (!result.info.success) return { ok: false, error: `${label} fails in the simulator: ${result.feedback}` };
    const after = stateFacts(world, layout, env.getState());
    if (!after.ok) return { ok: false, error: `after ${label}: ${after.error}` };
    const target = translator.key(new Set(after.facts));
    if (translator.key(state) === target) continue;
    const steps = translator.match(parsed.action, state, target, env.getState().agent.at);
    const pushed = parsed.action.type === 'push' ? parsed.action.target : null;
    if (!steps && pushed !== null && ![...state].some((atom) => atom.startsWith(`(blocks ${pddlName(pushed)} `))) {
      return { ok: false, error: `${label}: ${pushed} blocks no doorway here, and the PDDL model only has pushes that clear a doorway` };
    }
    if (!steps) {
      const now = new Set(translator.key(state).split('\n'));
      const wanted = new Set(target.split('\n'));
      const added = [...wanted].filter((a) => !now.has(a)).join(' ');
      const removed = [...now].filter((a) => !wanted.has(a)).join(' ');
      return { ok: false, error: `${label}: no PDDL action reproduces what the simulator did (it made true: ${added || 'nothing'}; false: ${removed || 'nothing'})` };
    }
    for (const step of steps) {
      state = applyAction(step.schema, step.binding, state);
      lines.push(actionLine(step.schema, step.binding));
    }
  }
  const goal = translator.goalSteps(state);
  if (typeof goal === 'string') return { ok: false, error: goal };
  return { ok: true, lines: [...lines, ...goal.map((step) => actionLine(step.schema, step.binding))] };
}
