/**
 * STRIPS semantics on parsed PDDL: a state is a set of ground atoms (`(at fridge_1)`); a ground
 * action applies when every precondition is in the state, and leaves (state − delete) ∪ add.
 * `findBindings` lists the groundings of a schema that apply in a state (backtracking over its
 * preconditions), which the plan translator and the goal-check completion use.
 */
import { atomText, isSubtype, type ActionSchema, type Atom, type StripsDomain, type StripsProblem } from './pddl-parse.ts';

export type Binding = Record<string, string>;

/** The ground text of an atom under a binding (parameters replaced by objects). */
export function groundAtom(atom: Atom, binding: Binding): string {
  return atomText({ predicate: atom.predicate, args: atom.args.map((a) => binding[a] ?? a) });
}

/** The ground action line: `(take apple_1 countertop_1)`. */
export function actionLine(schema: ActionSchema, binding: Binding): string {
  return `(${[schema.name, ...schema.params.map((p) => binding[p.name] ?? p.name)].join(' ')})`;
}

/** The first precondition not in the state, or null when the action applies. */
export function firstFalsePrecondition(schema: ActionSchema, binding: Binding, state: ReadonlySet<string>): string | null {
  for (const atom of schema.pre) {
    const ground = groundAtom(atom, binding);
    if (!state.has(ground)) return ground;
  }
  return null;
}

/** The successor state: deletes first, then adds (standard STRIPS). */
export function applyAction(schema: ActionSchema, binding: Binding, state: ReadonlySet<string>): Set<string> {
  const next = new Set(state);
  for (const atom of schema.del) next.delete(groundAtom(atom, binding));
  for (const atom of schema.add) next.add(groundAtom(atom, binding));
  return next;
}

/** Predicates some action adds or deletes (the rest never change). */
export function fluentPredicates(domain: StripsDomain): Set<string> {
  const names = new Set<string>();
  for (const action of domain.actions.values()) for (const atom of [...action.add, ...action.del]) names.add(atom.predicate);
  return names;
}

/** Atom text → [predicate, ...args] (only for texts made by atomText). */
function splitAtom(text: string): string[] {
  return text.slice(1, -1).split(' ');
}

/**
 * Every binding of the schema's parameters (extending `fixed`) under which it applies in the
 * state, respecting parameter types; at most `limit` of them.
 */
export function findBindings(domain: StripsDomain, problem: StripsProblem, schema: ActionSchema, state: ReadonlySet<string>, fixed: Binding = {}, limit = 1000): Binding[] {
  const index = new Map<string, string[][]>();
  for (const text of state) {
    const [predicate, ...args] = splitAtom(text);
    let rows = index.get(predicate!);
    if (!rows) index.set(predicate!, (rows = []));
    rows.push(args);
  }
  const typeOfParam = new Map(schema.params.map((p) => [p.name, p.type]));
  const fits = (param: string, object: string): boolean => {
    const objectType = problem.objects.get(object);
    return objectType !== undefined && isSubtype(domain.parents, objectType, typeOfParam.get(param) ?? 'object');
  };
  for (const [param, object] of Object.entries(fixed)) if (!fits(param, object)) return [];
  const found: Binding[] = [];
  const search = (remaining: Atom[], binding: Binding): void => {
    if (found.length >= limit) return;
    if (remaining.length === 0) {
      const unbound = schema.params.filter((p) => binding[p.name] === undefined);
      if (unbound.length === 0) found.push(binding);
      else {
        const [first] = unbound;
        for (const object of problem.objects.keys()) if (fits(first!.name, object)) search([], { ...binding, [first!.name]: object });
      }
      return;
    }
    // The atom with the fewest unbound arguments narrows the search fastest.
    let best = 0;
    let fewest = Infinity;
    remaining.forEach((atom, i) => {
      const unbound = atom.args.filter((a) => a.startsWith('?') && binding[a] === undefined).length;
      if (unbound < fewest) [best, fewest] = [i, unbound];
    });
    const atom = remaining[best]!;
    const rest = remaining.filter((_, i) => i !== best);
    for (const args of index.get(atom.predicate) ?? []) {
      const next: Binding = { ...binding };
      const matches = atom.args.every((a, i) => {
        const value = args[i]!;
        if (!a.startsWith('?')) return a === value;
        if (next[a] === undefined) {
          if (!fits(a, value)) return false;
          next[a] = value;
          return true;
        }
        return next[a] === value;
      });
      if (matches) search(rest, next);
    }
  };
  search(schema.pre, { ...fixed });
  return found;
}
