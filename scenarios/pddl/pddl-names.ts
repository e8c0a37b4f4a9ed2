/**
 * PDDL-safe names for the exported domain and problem: lower-case letters, digits, `_` and `-`,
 * starting with a letter. `fridge 1` → `fridge_1`, room `living room` → `room_living_room`, the
 * floor of a room (where the agent stands when at no receptacle) → `floor_living_room`.
 */

/** A lower-case identifier: every run of other characters becomes `_`; a leading digit gets `x`. */
export function pddlName(id: string): string {
  const name = id.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(name) ? name : `x${name}`;
}

/** The PDDL object for a room id. */
export function roomName(roomId: string): string {
  return `room_${pddlName(roomId)}`;
}

/** The PDDL object for "standing in this room, at no receptacle". */
export function floorName(roomId: string): string {
  return `floor_${pddlName(roomId)}`;
}

/** Domain and problem names from a scenario id: `household/heat-mug-v1` → `hearth-household-heat-mug-v1`. */
export function taskName(worldId: string): string {
  return `hearth-${worldId.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')}`;
}
