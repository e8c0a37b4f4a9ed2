/**
 * The PDDL domain of a Hearth scenario, in plain typed STRIPS (`:strips :typing`, positive
 * preconditions only: `(opened ?r)`/`(closed ?r)`, `(hot ?o)`/`(lacks-hot ?o)` and so on).
 *
 * The grid is told in rooms: the agent is `(agent-in ?room)` and `(at ?p)` a receptacle, or the
 * room's floor spot after a push. The sim's `go to` may cross several rooms in one step, so there
 * is one schema per route length — `go-same-room`, `go-via-1-door`, `go-via-2-doors`… up to the
 * longest simple route of the house — each needing its doors `(door-open)` and `(door-clear)`.
 * A movable standing in or beside a doorway `(blocks ?m ?d)` it; `push-in-room…` /
 * `push-from-doorway…` (again one per route length: the sim walks to the item first) clear it.
 * Only pushes that clear a doorway are modelled. Actions the oracle never needs are here too
 * (close, switch off) so the domain mirrors the sim; `close-door` is looser than the sim, which
 * also refuses while the agent or a movable stands in the doorway cell itself. The goal's
 * "achieve" actions (goal-encoding.ts) close the domain; they end the acting phase.
 */
import type { GoalEncoding } from './goal-encoding.ts';

export interface DomainOptions {
  name: string;
  /** Doors on the longest simple route between two rooms (0 in a one-room house). */
  maxRouteDoors: number;
  goal: GoalEncoding;
}

const PREDICATES = `    (acting)
    ; where the agent is
    (agent-in ?room - room)
    (at ?p - place)
    (in-room ?r - receptacle ?room - room)
    (floor-of ?f - spot ?room - room)
    ; doors and movables
    (door-joins ?d - door ?a - room ?b - room)
    (door-open ?d - door)
    (door-closed ?d - door)
    (door-clear ?d - door)
    (blocks ?m - movable ?d - door)
    (reach-movable ?m - movable ?room - room)
    (reach-movable-via ?m - movable ?room - room ?d - door)
    (sees-movable ?m - movable ?room - room)
    ; hands and items
    (hand-empty)
    (holding ?o - item)
    (in ?o - item ?r - receptacle)
    ; receptacle capabilities and state
    (openable ?r - receptacle)
    (opened ?r - receptacle)
    (closed ?r - receptacle)
    (can-hold ?r - receptacle)
    (can-heat ?r - receptacle)
    (can-cool ?r - receptacle)
    (can-clean ?r - receptacle)
    (is-lamp ?r - receptacle)
    (lamp-on ?r - receptacle)
    (lamp-off ?r - receptacle)
    ; item properties and states
    (heatable ?o - item)
    (coolable ?o - item)
    (cleanable ?o - item)
    (sliceable ?o - item)
    (is-knife ?o - item)
    (hot ?o - item)
    (lacks-hot ?o - item)
    (cold ?o - item)
    (lacks-cold ?o - item)
    (clean ?o - item)
    (lacks-clean ?o - item)
    (dirty ?o - item)
    (lacks-dirty ?o - item)
    (sliced ?o - item)
    (lacks-sliced ?o - item)
    (examined-under-light ?o - item)
    (unexamined ?o - item)`;

const WORLD_ACTIONS = `  (:action go-same-room
    :parameters (?p - place ?to - receptacle ?room - room)
    :precondition (and (acting) (at ?p) (agent-in ?room) (in-room ?to ?room))
    :effect (and (not (at ?p)) (at ?to)))
  (:action open-receptacle
    :parameters (?r - receptacle)
    :precondition (and (acting) (at ?r) (openable ?r) (closed ?r))
    :effect (and (not (closed ?r)) (opened ?r)))
  (:action close-receptacle
    :parameters (?r - receptacle)
    :precondition (and (acting) (at ?r) (openable ?r) (opened ?r))
    :effect (and (not (opened ?r)) (closed ?r)))
  (:action open-door
    :parameters (?d - door ?room - room ?other - room)
    :precondition (and (acting) (agent-in ?room) (door-joins ?d ?room ?other) (door-closed ?d))
    :effect (and (not (door-closed ?d)) (door-open ?d)))
  (:action close-door
    :parameters (?d - door ?room - room ?other - room)
    :precondition (and (acting) (agent-in ?room) (door-joins ?d ?room ?other) (door-open ?d))
    :effect (and (not (door-open ?d)) (door-closed ?d)))
  (:action take
    :parameters (?o - item ?r - receptacle)
    :precondition (and (acting) (at ?r) (opened ?r) (in ?o ?r) (hand-empty))
    :effect (and (not (in ?o ?r)) (not (hand-empty)) (holding ?o)))
  (:action put
    :parameters (?o - item ?r - receptacle)
    :precondition (and (acting) (holding ?o) (at ?r) (opened ?r) (can-hold ?r))
    :effect (and (not (holding ?o)) (in ?o ?r) (hand-empty)))
  (:action heat
    :parameters (?o - item ?r - receptacle)
    :precondition (and (acting) (holding ?o) (at ?r) (can-heat ?r) (heatable ?o))
    :effect (and (not (lacks-hot ?o)) (hot ?o) (not (cold ?o)) (lacks-cold ?o)))
  (:action cool
    :parameters (?o - item ?r - receptacle)
    :precondition (and (acting) (holding ?o) (at ?r) (can-cool ?r) (coolable ?o))
    :effect (and (not (lacks-cold ?o)) (cold ?o) (not (hot ?o)) (lacks-hot ?o)))
  (:action clean
    :parameters (?o - item ?r - receptacle)
    :precondition (and (acting) (holding ?o) (at ?r) (can-clean ?r) (cleanable ?o))
    :effect (and (not (lacks-clean ?o)) (clean ?o) (not (dirty ?o)) (lacks-dirty ?o)))
  (:action slice
    :parameters (?o - item ?k - item ?r - receptacle)
    :precondition (and (acting) (holding ?k) (is-knife ?k) (at ?r) (opened ?r) (in ?o ?r) (sliceable ?o) (lacks-sliced ?o))
    :effect (and (not (lacks-sliced ?o)) (sliced ?o)))
  (:action switch-on
    :parameters (?l - receptacle)
    :precondition (and (acting) (at ?l) (is-lamp ?l) (lamp-off ?l))
    :effect (and (not (lamp-off ?l)) (lamp-on ?l)))
  (:action switch-off
    :parameters (?l - receptacle)
    :precondition (and (acting) (at ?l) (is-lamp ?l) (lamp-on ?l))
    :effect (and (not (lamp-on ?l)) (lamp-off ?l)))
  (:action examine-under-light
    :parameters (?o - item ?l - receptacle ?room - room)
    :precondition (and (acting) (holding ?o) (agent-in ?room) (in-room ?l ?room) (lamp-on ?l))
    :effect (and (not (unexamined ?o)) (examined-under-light ?o)))`;

/** `route-N` predicate: from a room through N doors (in order) to another room. */
function routePredicate(doors: number): string {
  const list = Array.from({ length: doors }, (_, i) => `?d${i + 1} - door`).join(' ');
  return `    (route-${doors} ?from - room ${list} ?dest - room)`;
}

const plural = (doors: number): string => `${doors}-door${doors === 1 ? '' : 's'}`;

/** Parameters and preconditions for walking from ?from to ?dest through N open, clear doors. */
function route(doors: number, dest: string): { params: string; pre: string } {
  const ds = Array.from({ length: doors }, (_, i) => `?d${i + 1}`);
  return {
    params: `?from - room ${dest} - room ${ds.map((d) => `${d} - door`).join(' ')}`,
    pre: `(agent-in ?from) (route-${doors} ?from ${ds.join(' ')} ${dest}) ${ds.flatMap((d) => [`(door-open ${d})`, `(door-clear ${d})`]).join(' ')}`,
  };
}

function schema(name: string, params: string, pre: string, effect: string): string {
  return [`  (:action ${name}`, `    :parameters (${params})`, `    :precondition (and ${pre})`, `    :effect (and ${effect}))`].join('\n');
}

/** `go-via-N-door(s)`: walk to a receptacle N doors away along a route whose doors are open and clear. */
function goViaAction(doors: number): string {
  const r = route(doors, '?dest');
  return schema(
    `go-via-${plural(doors)}`,
    `?p - place ?to - receptacle ${r.params}`,
    `(acting) (at ?p) ${r.pre} (in-room ?to ?dest)`,
    '(not (at ?p)) (at ?to) (not (agent-in ?from)) (agent-in ?dest)',
  );
}

const CLEARS = '(not (blocks ?m ?d)) (door-clear ?d) (not (at ?p)) (at ?f)';

/**
 * Pushes that clear doorway ?d, of a movable the agent sees from its room (`sees-movable`: in the
 * room, or in or beside one of its doorways — the sim pushes nothing out of sight).
 * `push-in-room…`: from a free cell beside ?m in a room's walkable area, reached through N doors
 * (the agent ends in that room). `push-from-doorway…`: from the doorway of ?via beside ?m, entered
 * from a room N doors away — standing in a doorway, the sim keeps the agent's room, so ?from stays
 * the agent's room.
 */
function pushActions(doors: number): string[] {
  const start = '(acting) (at ?p) (blocks ?m ?d)';
  const params = '?m - movable ?d - door ?p - place';
  if (doors === 0) {
    return [
      schema('push-in-room', `${params} ?room - room ?f - spot`, `${start} (agent-in ?room) (sees-movable ?m ?room) (reach-movable ?m ?room) (floor-of ?f ?room)`, CLEARS),
      schema('push-from-doorway', `${params} ?room - room ?via - door ?f - spot`, `${start} (agent-in ?room) (sees-movable ?m ?room) (reach-movable-via ?m ?room ?via) (door-open ?via) (floor-of ?f ?room)`, CLEARS),
    ];
  }
  const inRoom = route(doors, '?dest');
  const toDoorway = route(doors, '?side');
  return [
    schema(`push-in-room-via-${plural(doors)}`, `${params} ${inRoom.params} ?f - spot`, `${start} ${inRoom.pre} (sees-movable ?m ?from) (reach-movable ?m ?dest) (floor-of ?f ?dest)`, `${CLEARS} (not (agent-in ?from)) (agent-in ?dest)`),
    schema(`push-from-doorway-via-${plural(doors)}`, `${params} ${toDoorway.params} ?via - door ?f - spot`, `${start} ${toDoorway.pre} (sees-movable ?m ?from) (reach-movable-via ?m ?side ?via) (door-open ?via) (floor-of ?f ?from)`, CLEARS),
  ];
}

/** The domain text. */
export function domainText(options: DomainOptions): string {
  const routes = Array.from({ length: options.maxRouteDoors }, (_, i) => i + 1);
  return [
    `(define (domain ${options.name})`,
    '  (:requirements :strips :typing)',
    '  (:types place room door item movable - object',
    '          receptacle spot - place)',
    '  (:predicates',
    PREDICATES,
    ...routes.map(routePredicate),
    ...(options.goal.predicates.length ? ['    ; goal bookkeeping', ...options.goal.predicates.map((p) => `    ${p}`)] : []),
    '  )',
    WORLD_ACTIONS,
    ...routes.map(goViaAction),
    ...[0, ...routes].flatMap(pushActions),
    ...options.goal.actions,
    ')',
    '',
  ].join('\n');
}
