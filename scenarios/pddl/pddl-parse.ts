/**
 * Reads a PDDL domain and problem in the fragment this exporter writes — `:strips` and `:typing`,
 * positive preconditions, add and delete effects, no constants — into plain data. Anything outside
 * that fragment (negative preconditions, `or`, `forall`, `either`, an undeclared requirement…) is a
 * parse error naming the construct, so "it parses" also means "it is plain typed STRIPS".
 */
import { parseSExprs, printSExpr, type SExpr } from './sexpr.ts';

export interface Atom {
  predicate: string;
  args: string[];
}

export interface Param {
  name: string;
  type: string;
}

export interface ActionSchema {
  name: string;
  params: Param[];
  pre: Atom[];
  add: Atom[];
  del: Atom[];
}

export interface StripsDomain {
  name: string;
  requirements: string[];
  /** Type → parent type (`object` is the root and has none). */
  parents: Map<string, string>;
  predicates: Map<string, Param[]>;
  actions: Map<string, ActionSchema>;
}

export interface StripsProblem {
  name: string;
  domain: string;
  /** Object → type. */
  objects: Map<string, string>;
  init: Atom[];
  goal: Atom[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** The requirements a domain may declare. */
export const SUPPORTED_REQUIREMENTS: readonly string[] = [':strips', ':typing'];

class PddlError extends Error {}

const fail = (message: string): never => {
  throw new PddlError(message);
};

/** `(pred a b)` text of an atom. */
export function atomText(atom: Atom): string {
  return `(${[atom.predicate, ...atom.args].join(' ')})`;
}

/** Is `type` the same as `ancestor` or below it? */
export function isSubtype(parents: Map<string, string>, type: string, ancestor: string): boolean {
  for (let t: string | undefined = type, guard = 0; t !== undefined && guard < 100; t = parents.get(t), guard++) if (t === ancestor) return true;
  return ancestor === 'object';
}

function list(form: SExpr | undefined, what: string): SExpr[] {
  if (!Array.isArray(form)) fail(`expected a list for ${what}, found ${form === undefined ? 'nothing' : printSExpr(form)}`);
  return form as SExpr[];
}

function symbol(form: SExpr | undefined, what: string): string {
  if (typeof form !== 'string') fail(`expected a name for ${what}, found ${form === undefined ? 'nothing' : printSExpr(form)}`);
  return form as string;
}

/** `a b - t c - u d` → [[a,t],[b,t],[c,u],[d,object]]. */
function typedList(items: SExpr[], what: string): Param[] {
  const result: Param[] = [];
  let pending: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = symbol(items[i], what);
    if (item === '-') {
      const type = items[i + 1];
      if (Array.isArray(type)) fail(`${what}: '${printSExpr(type)}' — 'either' types are not plain typed STRIPS`);
      const name = symbol(type, `the type after '-' in ${what}`);
      result.push(...pending.map((n) => ({ name: n, type: name })));
      pending = [];
      i += 1;
    } else pending.push(item);
  }
  return [...result, ...pending.map((n) => ({ name: n, type: 'object' }))];
}

function defineBody(text: string, kind: 'domain' | 'problem'): { name: string; sections: SExpr[][] } {
  const parsed = parseSExprs(text);
  if (!parsed.ok) fail(parsed.error);
  const forms = (parsed as { forms: SExpr[] }).forms;
  if (forms.length !== 1) fail(`expected one (define (${kind} …) …) form, found ${forms.length}`);
  const define = list(forms[0], `the ${kind}`);
  if (define[0] !== 'define') fail(`the ${kind} must start with (define …)`);
  const head = list(define[1], `(${kind} NAME)`);
  if (head[0] !== kind) fail(`expected (${kind} NAME) after define, found ${printSExpr(head)}`);
  return { name: symbol(head[1], `the ${kind} name`), sections: define.slice(2).map((s) => list(s, `a ${kind} section`)) };
}

function checkAtom(form: SExpr, domain: Pick<StripsDomain, 'predicates' | 'parents'>, typeOf: (arg: string) => string | undefined, where: string): Atom {
  const items = list(form, where);
  const predicate = symbol(items[0], `the predicate in ${where}`);
  if (['not', 'or', 'imply', 'exists', 'forall', 'when', '='].includes(predicate)) {
    const needs: Record<string, string> = { not: ':negative-preconditions', or: ':disjunctive-preconditions', imply: ':disjunctive-preconditions', exists: ':existential-preconditions', forall: ':universal-preconditions', when: ':conditional-effects', '=': ':equality' };
    fail(`${where}: '${printSExpr(form)}' needs ${needs[predicate]}, which plain STRIPS does not have`);
  }
  const declared = domain.predicates.get(predicate);
  if (!declared) fail(`${where}: unknown predicate '${predicate}' in ${printSExpr(form)}`);
  const args = items.slice(1).map((a) => symbol(a, `an argument in ${where}`));
  if (args.length !== declared!.length) fail(`${where}: ${printSExpr(form)} has ${args.length} argument(s); ${predicate} takes ${declared!.length}`);
  args.forEach((arg, i) => {
    const type = typeOf(arg);
    if (type === undefined) fail(`${where}: '${arg}' in ${printSExpr(form)} is ${arg.startsWith('?') ? 'not a parameter' : 'not a declared object'}`);
    const wanted = declared![i]!.type;
    if (!isSubtype(domain.parents, type!, wanted) && !isSubtype(domain.parents, wanted, type!)) fail(`${where}: '${arg}' is a ${type}, but argument ${i + 1} of ${predicate} is a ${wanted}`);
  });
  return { predicate, args };
}

function conjunction(form: SExpr | undefined, where: string): SExpr[] {
  if (form === undefined) return [];
  const items = list(form, where);
  return items[0] === 'and' ? items.slice(1) : items.length === 0 ? [] : [form];
}

function parseAction(section: SExpr[], domain: StripsDomain): ActionSchema {
  const name = symbol(section[1], 'an action name');
  const where = `action ${name}`;
  const fields = new Map<string, SExpr>();
  for (let i = 2; i < section.length; i += 2) fields.set(symbol(section[i], `a keyword in ${where}`), section[i + 1]!);
  for (const key of fields.keys()) if (![':parameters', ':precondition', ':effect'].includes(key)) fail(`${where}: unsupported field ${key}`);
  const params = typedList(list(fields.get(':parameters') ?? [], `the parameters of ${where}`), `the parameters of ${where}`);
  for (const p of params) {
    if (!p.name.startsWith('?')) fail(`${where}: parameter '${p.name}' must start with '?'`);
    if (p.type !== 'object' && !domain.parents.has(p.type)) fail(`${where}: parameter ${p.name} has undeclared type '${p.type}'`);
  }
  const typeOf = (arg: string): string | undefined => params.find((p) => p.name === arg)?.type;
  const pre = conjunction(fields.get(':precondition'), `the precondition of ${where}`).map((f) => checkAtom(f, domain, typeOf, `the precondition of ${where}`));
  const add: Atom[] = [];
  const del: Atom[] = [];
  for (const f of conjunction(fields.get(':effect'), `the effect of ${where}`)) {
    const items = list(f, `the effect of ${where}`);
    if (items[0] === 'not') del.push(checkAtom(items[1]!, domain, typeOf, `the effect of ${where}`));
    else add.push(checkAtom(f, domain, typeOf, `the effect of ${where}`));
  }
  return { name, params, pre, add, del };
}

/** Parses a domain of the supported fragment. */
export function parseDomain(text: string): Parsed<StripsDomain> {
  try {
    const { name, sections } = defineBody(text, 'domain');
    const domain: StripsDomain = { name, requirements: [], parents: new Map(), predicates: new Map(), actions: new Map() };
    for (const section of sections) {
      const key = section[0];
      if (key === ':requirements') {
        domain.requirements = section.slice(1).map((r) => symbol(r, 'a requirement'));
        for (const r of domain.requirements) if (!SUPPORTED_REQUIREMENTS.includes(r)) fail(`requirement ${r} is outside plain typed STRIPS (supported: ${SUPPORTED_REQUIREMENTS.join(' ')})`);
      } else if (key === ':types') {
        for (const { name: type, type: parent } of typedList(section.slice(1), 'the types')) if (type !== 'object') domain.parents.set(type, parent);
      } else if (key === ':predicates') {
        for (const p of section.slice(1)) {
          const items = list(p, 'a predicate declaration');
          domain.predicates.set(symbol(items[0], 'a predicate name'), typedList(items.slice(1), `predicate ${printSExpr(items[0]!)}`));
        }
      } else if (key === ':action') {
        const action = parseAction(section, domain);
        if (domain.actions.has(action.name)) fail(`action ${action.name} is declared twice`);
        domain.actions.set(action.name, action);
      } else fail(`unsupported domain section ${printSExpr(section.slice(0, 1))} (this fragment has :requirements, :types, :predicates, :action)`);
    }
    if (domain.parents.size > 0 && !domain.requirements.includes(':typing')) fail('the domain declares types but not :typing');
    return { ok: true, value: domain };
  } catch (error) {
    if (error instanceof PddlError) return { ok: false, error: `domain: ${error.message}` };
    throw error;
  }
}

/** Parses a problem against its (parsed) domain. */
export function parseProblem(text: string, domain: StripsDomain): Parsed<StripsProblem> {
  try {
    const { name, sections } = defineBody(text, 'problem');
    const problem: StripsProblem = { name, domain: '', objects: new Map(), init: [], goal: [] };
    const typeOf = (arg: string): string | undefined => problem.objects.get(arg);
    for (const section of sections) {
      const key = section[0];
      if (key === ':domain') problem.domain = symbol(section[1], 'the domain name');
      else if (key === ':objects') {
        for (const { name: object, type } of typedList(section.slice(1), 'the objects')) {
          if (type !== 'object' && !domain.parents.has(type)) fail(`object ${object} has undeclared type '${type}'`);
          if (problem.objects.has(object)) fail(`object ${object} is declared twice`);
          problem.objects.set(object, type);
        }
      } else if (key === ':init') problem.init = section.slice(1).map((f) => checkAtom(f, domain, typeOf, 'the initial state'));
      else if (key === ':goal') problem.goal = conjunction(section[1], 'the goal').map((f) => checkAtom(f, domain, typeOf, 'the goal'));
      else fail(`unsupported problem section ${printSExpr(section.slice(0, 1))}`);
    }
    if (problem.domain !== domain.name) fail(`the problem is for domain '${problem.domain}', not '${domain.name}'`);
    return { ok: true, value: problem };
  } catch (error) {
    if (error instanceof PddlError) return { ok: false, error: `problem: ${error.message}` };
    throw error;
  }
}
