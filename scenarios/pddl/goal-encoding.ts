/**
 * A scenario's goal tree as plain STRIPS. Goals with "some apple" selectors need `exists`, which
 * STRIPS goals lack, so every node K becomes a fact `(goal-K-done)` that "achieve" actions add
 * once the node holds; the problem's goal is the root's fact(s). Leaf K's achieve action takes the
 * selected object/receptacle as parameters, restricted to the candidates listed in the problem by
 * `(goal-K-object ?o)` / `(goal-K-receptacle ?r)`; `any-of` gets one achieve action per branch;
 * `all-of` one that needs every child. `not` is pushed down to the leaves (De Morgan); a negated
 * leaf must hold for EVERY candidate: one `(goal-K-ok c)` per candidate, each reached by one of
 * the ways the leaf can fail for it (held elsewhere, lacking a state, lamp off…). `not` over
 * `count` is refused. Every achieve action deletes `(acting)`, which every world action needs, so
 * goals are checked on the final state only — never by a fact achieved and later undone.
 */
import { RECEPTACLE_TYPES, type GoalNode, type ObjectSelector, type ObjectStateName, type ReceptacleSelector, type WorldSpec } from '../../sim/index.ts';
import { pddlName } from './pddl-names.ts';

export interface GoalEncoding {
  /** Predicate declarations, e.g. `(goal-1-object ?o - item)`. */
  predicates: string[];
  /** `(:action achieve-goal-…)` texts. */
  actions: string[];
  /** Static facts for the problem's `:init` (candidates; goals true from the start). */
  init: string[];
  /** The problem's goal facts. */
  goal: string[];
}

export type GoalEncodingResult = { ok: true; encoding: GoalEncoding } | { ok: false; error: string };

type Nnf = { kind: 'and' | 'or'; children: Nnf[] } | { kind: 'leaf'; node: GoalNode; negated: boolean };

class UnsupportedGoal extends Error {}

function toNnf(node: GoalNode, negated: boolean): Nnf {
  switch (node.type) {
    case 'all-of':
      return { kind: negated ? 'or' : 'and', children: node.goals.map((g) => toNnf(g, negated)) };
    case 'any-of':
      return { kind: negated ? 'and' : 'or', children: node.goals.map((g) => toNnf(g, negated)) };
    case 'not':
      return toNnf(node.goal, !negated);
    case 'in':
    case 'holding':
    case 'has-state':
    case 'count':
    case 'light-on':
    case 'examined-under-light':
      return { kind: 'leaf', node, negated };
    default:
      throw new UnsupportedGoal(`goal node type '${String((node as { type: unknown }).type)}' is not supported by the PDDL export`);
  }
}

function action(name: string, params: string, pre: string[], add: string[]): string {
  return [
    `  (:action ${name}`,
    `    :parameters (${params})`,
    `    :precondition (and ${pre.join(' ')})`,
    `    :effect (and ${[...add, '(not (acting))'].join(' ')}))`,
  ].join('\n');
}

const stateAtoms = (states: readonly ObjectStateName[] | undefined, variable: string): string[] => (states ?? []).map((s) => `(${s} ${variable})`);

class Encoder {
  readonly out: GoalEncoding = { predicates: [], actions: [], init: [], goal: [] };
  private next = 0;

  constructor(private readonly world: WorldSpec) {}

  private objects(selector: ObjectSelector): string[] {
    return this.world.objects.filter((o) => ('id' in selector ? o.id === selector.id : o.type === selector.type)).map((o) => pddlName(o.id));
  }

  private receptacles(selector: ReceptacleSelector, lampsOnly = false): string[] {
    return this.world.receptacles
      .filter((r) => ('id' in selector ? r.id === selector.id : r.type === selector.type) && (!lampsOnly || RECEPTACLE_TYPES[r.type]?.light))
      .map((r) => pddlName(r.id));
  }

  private declare(k: number, predicate: string, params: string, facts: string[] = []): void {
    this.out.predicates.push(`(goal-${k}-${predicate}${params ? ` ${params}` : ''})`);
    for (const fact of facts) this.out.init.push(`(goal-${k}-${predicate} ${fact})`);
  }

  /** Encodes a node; returns its done fact. */
  encode(node: Nnf): string {
    const k = this.next++;
    const done = `(goal-${k}-done)`;
    this.out.predicates.push(done);
    if (node.kind === 'leaf') {
      if (node.negated) this.negatedLeaf(k, node.node, done);
      else this.leaf(k, node.node, done);
    } else if (node.kind === 'and') {
      const children = node.children.map((c) => this.encode(c));
      if (children.length === 0) this.out.init.push(done);
      else this.out.actions.push(action(`achieve-goal-${k}`, '', children, [done]));
    } else {
      node.children.forEach((c, i) => this.out.actions.push(action(`achieve-goal-${k}-via-${i + 1}`, '', [this.encode(c)], [done])));
    }
    return done;
  }

  private leaf(k: number, node: GoalNode, done: string): void {
    const name = `achieve-goal-${k}`;
    const object = (selector: ObjectSelector): void => this.declare(k, 'object', '?o - item', this.objects(selector));
    const receptacle = (selector: ReceptacleSelector): void => this.declare(k, 'receptacle', '?r - receptacle', this.receptacles(selector));
    switch (node.type) {
      case 'in':
        object(node.object);
        receptacle(node.receptacle);
        this.out.actions.push(action(name, '?o - item ?r - receptacle', [`(goal-${k}-object ?o)`, `(goal-${k}-receptacle ?r)`, '(in ?o ?r)', ...stateAtoms(node.object.states, '?o')], [done]));
        return;
      case 'holding':
        object(node.object);
        this.out.actions.push(action(name, '?o - item', [`(goal-${k}-object ?o)`, '(holding ?o)', ...stateAtoms(node.object.states, '?o')], [done]));
        return;
      case 'has-state':
        object(node.object);
        this.out.actions.push(action(name, '?o - item', [`(goal-${k}-object ?o)`, ...stateAtoms(node.object.states, '?o')], [done]));
        return;
      case 'examined-under-light':
        object(node.object);
        this.out.actions.push(action(name, '?o - item', [`(goal-${k}-object ?o)`, '(examined-under-light ?o)', ...stateAtoms(node.object.states, '?o')], [done]));
        return;
      case 'light-on':
        receptacle(node.receptacle);
        this.out.actions.push(action(name, '?r - receptacle', [`(goal-${k}-receptacle ?r)`, '(lamp-on ?r)'], [done]));
        return;
      case 'count':
        this.count(k, node, done);
        return;
      default:
        throw new UnsupportedGoal(`goal node type '${node.type}' cannot be a leaf`);
    }
  }

  private count(k: number, node: Extract<GoalNode, { type: 'count' }>, done: string): void {
    if (node.min <= 0) {
      this.out.init.push(done);
      return;
    }
    const candidates = this.objects(node.object);
    this.declare(k, 'object', '?o - item', candidates);
    this.declare(k, 'receptacle', '?r - receptacle', this.receptacles(node.receptacle));
    const pairs = candidates.flatMap((a) => candidates.filter((b) => b !== a).map((b) => `${a} ${b}`));
    this.declare(k, 'distinct', '?a - item ?b - item', pairs);
    const vars = Array.from({ length: node.min }, (_, i) => `?o${i + 1}`);
    const pre = [`(goal-${k}-receptacle ?r)`];
    vars.forEach((v, i) => {
      pre.push(`(goal-${k}-object ${v})`, `(in ${v} ?r)`, ...stateAtoms(node.object.states, v));
      for (const w of vars.slice(i + 1)) pre.push(`(goal-${k}-distinct ${v} ${w})`);
    });
    this.out.actions.push(action(`achieve-goal-${k}`, `?r - receptacle ${vars.map((v) => `${v} - item`).join(' ')}`, pre, [done]));
  }

  /** Not(leaf): every candidate must fail the leaf; `(goal-K-ok c)` records one that does. */
  private negatedLeaf(k: number, node: GoalNode, done: string): void {
    if (node.type === 'count') throw new UnsupportedGoal("'not' over a 'count' goal is not supported by the PDDL export");
    const onLamps = node.type === 'light-on';
    const candidates = onLamps ? this.receptacles(node.receptacle, true) : 'object' in node ? this.objects(node.object) : [];
    if (candidates.length === 0) {
      this.out.init.push(done);
      return;
    }
    const type = onLamps ? 'receptacle' : 'item';
    const role = onLamps ? 'receptacle' : 'object';
    this.declare(k, role, `?x - ${type}`, candidates);
    this.declare(k, 'ok', `?x - ${type}`);
    const ok = `(goal-${k}-ok ?x)`;
    const member = `(goal-${k}-${role} ?x)`;
    const way = (suffix: string, params: string, pre: string[]): void => {
      this.out.actions.push(action(`achieve-goal-${k}-${suffix}`, params, [member, ...pre], [ok]));
    };
    if (node.type === 'in') {
      const others = this.world.receptacles.map((r) => pddlName(r.id)).filter((r) => !this.receptacles(node.receptacle).includes(r));
      this.declare(k, 'other', '?r - receptacle', others);
      way('held', `?x - ${type}`, ['(holding ?x)']);
      way('elsewhere', `?x - ${type} ?r - receptacle`, ['(in ?x ?r)', `(goal-${k}-other ?r)`]);
    }
    if (node.type === 'holding') way('placed', `?x - ${type} ?r - receptacle`, ['(in ?x ?r)']);
    if (node.type === 'examined-under-light') way('unexamined', `?x - ${type}`, ['(unexamined ?x)']);
    if (node.type === 'light-on') way('off', `?x - ${type}`, ['(lamp-off ?x)']);
    if ('object' in node) for (const s of node.object.states ?? []) way(`lacks-${s}`, `?x - ${type}`, [`(lacks-${s} ?x)`]);
    const vars = candidates.map((_, i) => `?c${i + 1}`);
    candidates.forEach((c, i) => this.declare(k, `cand-${i + 1}`, `?x - ${type}`, [c]));
    const pre = vars.flatMap((v, i) => [`(goal-${k}-cand-${i + 1} ${v})`, `(goal-${k}-ok ${v})`]);
    this.out.actions.push(action(`achieve-goal-${k}`, vars.map((v) => `${v} - ${type}`).join(' '), pre, [done]));
  }
}

/** The STRIPS encoding of the world's goal, or why it cannot be given. */
export function encodeGoal(world: WorldSpec): GoalEncodingResult {
  try {
    const encoder = new Encoder(world);
    const root = toNnf(world.goal, false);
    // A top-level conjunction goes straight into the problem's goal.
    encoder.out.goal = root.kind === 'and' ? root.children.map((c) => encoder.encode(c)) : [encoder.encode(root)];
    return { ok: true, encoding: encoder.out };
  } catch (error) {
    if (error instanceof UnsupportedGoal) return { ok: false, error: error.message };
    throw error;
  }
}
