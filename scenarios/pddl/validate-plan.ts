/**
 * Checks a grounded plan against a PDDL domain and problem (typed STRIPS): each step names a
 * domain action with objects of the right types, its preconditions hold, its effects apply; the
 * goal holds at the end. The first problem is reported with its step, e.g.
 * `step 4 (take apple_1 countertop_1): precondition (at countertop_1) is false`.
 */
import { parseSExprs } from './sexpr.ts';
import { atomText, isSubtype, parseDomain, parseProblem, type StripsDomain, type StripsProblem } from './pddl-parse.ts';
import { applyAction, firstFalsePrecondition, groundAtom, type Binding } from './strips-apply.ts';

export interface PlanValidation {
  valid: boolean;
  /** 1-based step that could not be applied (absent when the plan ran but missed the goal, or the PDDL did not parse). */
  failedStep?: number;
  reason?: string;
}

/** Plan lines → action forms; blank lines and `;` comments are skipped (a plan file may have a header). */
export function planSteps(lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(/;.*$/, '').trim()).filter((line) => line.length > 0);
}

function checkStep(domain: StripsDomain, problem: StripsProblem, text: string): { binding: Binding; name: string } | string {
  const parsed = parseSExprs(text);
  if (!parsed.ok) return parsed.error;
  const form = parsed.forms[0];
  if (parsed.forms.length !== 1 || !Array.isArray(form) || form.some((item) => typeof item !== 'string')) return 'a step must be one list of names like (take apple_1 countertop_1)';
  const [name, ...args] = form as string[];
  const schema = name === undefined ? undefined : domain.actions.get(name);
  if (!schema) return `no action named '${name ?? ''}' in the domain`;
  if (args.length !== schema.params.length) return `${name} takes ${schema.params.length} argument(s) (${schema.params.map((p) => `${p.name} - ${p.type}`).join(' ')}), got ${args.length}`;
  const binding: Binding = {};
  for (let i = 0; i < args.length; i++) {
    const param = schema.params[i]!;
    const type = problem.objects.get(args[i]!);
    if (type === undefined) return `'${args[i]}' is not an object of the problem`;
    if (!isSubtype(domain.parents, type, param.type)) return `'${args[i]}' is a ${type}, but ${param.name} of ${name} must be a ${param.type}`;
    binding[param.name] = args[i]!;
  }
  return { binding, name: name! };
}

/** Validates plan steps (e.g. the lines of plan.pddl) against domain and problem texts. */
export function validatePlan(domainText: string, problemText: string, planLines: readonly string[]): PlanValidation {
  const domain = parseDomain(domainText);
  if (!domain.ok) return { valid: false, reason: domain.error };
  const problem = parseProblem(problemText, domain.value);
  if (!problem.ok) return { valid: false, reason: problem.error };
  let state: Set<string> = new Set(problem.value.init.map(atomText));
  const steps = planSteps(planLines);
  for (let i = 0; i < steps.length; i++) {
    const label = `step ${i + 1} ${steps[i]}`;
    const step = checkStep(domain.value, problem.value, steps[i]!);
    if (typeof step === 'string') return { valid: false, failedStep: i + 1, reason: `${label}: ${step}` };
    const schema = domain.value.actions.get(step.name)!;
    const missing = firstFalsePrecondition(schema, step.binding, state);
    if (missing) return { valid: false, failedStep: i + 1, reason: `${label}: precondition ${missing} is false` };
    state = applyAction(schema, step.binding, state);
  }
  const unmet = problem.value.goal.map((atom) => groundAtom(atom, {})).filter((atom) => !state.has(atom));
  if (unmet.length) return { valid: false, reason: `after the last step (${steps.length}) the goal is not reached: ${unmet.join(' ')} ${unmet.length === 1 ? 'is' : 'are'} false` };
  return { valid: true };
}
