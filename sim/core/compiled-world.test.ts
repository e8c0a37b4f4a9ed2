import { describe, expect, it } from 'vitest';
import { UnknownTypeError } from './catalog.ts';
import { compareIds, compileWorld, WorldSpecError } from './compiled-world.ts';
import { twoRoomHouse } from './test-worlds.ts';
import type { WorldSpec } from './world-spec.ts';

describe('compileWorld', () => {
  it('compiles the test house: furniture cells, rooms and sorted ids', () => {
    const world = compileWorld(twoRoomHouse());
    expect(world.receptacleIds[0]).toBe('cabinet 1');
    expect(world.receptacles.get('desk 1')!.room).toBe('livingroom');
    expect(world.doors.get('door 1')!.cellIndex).toBe(3 * world.width + 7);
  });

  const bad: { name: string; spec: () => WorldSpec; path: string | RegExp }[] = [
    { name: 'a receptacle on a wall', spec: () => twoRoomHouse({ receptacles: [{ id: 'fridge 1', type: 'fridge', cell: [0, 0] }], objects: [] }), path: 'receptacles[0].cell' },
    { name: 'an object in a missing receptacle', spec: () => twoRoomHouse({ objects: [{ id: 'apple 1', type: 'apple', in: 'fridge 7' }] }), path: 'objects[0].in' },
    { name: 'an id that does not match its type', spec: () => twoRoomHouse({ objects: [{ id: 'remote 1', type: 'remotecontrol', in: 'sofa 1' }] }), path: 'objects[0].id' },
    { name: 'a duplicate id', spec: () => twoRoomHouse({ objects: [{ id: 'apple 1', type: 'apple', in: 'sofa 1' }, { id: 'apple 1', type: 'apple', in: 'desk 1' }] }), path: 'objects[1].id' },
    { name: 'two movables on one cell', spec: () => twoRoomHouse({ movables: [{ id: 'chair 1', type: 'chair', cell: [9, 2] }, { id: 'box 1', type: 'box', cell: [9, 2] }] }), path: 'movables[1].cell' },
    { name: 'a ragged map', spec: () => twoRoomHouse({ map: ['####', '#..'] }), path: 'map[1]' },
    { name: 'a world format this Hearth does not read', spec: () => ({ ...twoRoomHouse(), formatVersion: 2 }) as unknown as WorldSpec, path: 'formatVersion' },
  ];
  it.each(bad)('rejects $name with the JSON path', ({ spec, path }) => {
    try {
      compileWorld(spec());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorldSpecError);
      expect((error as WorldSpecError).path).toBe(path);
    }
  });

  it('rejects an unknown type with the closest catalog name', () => {
    expect(() => compileWorld(twoRoomHouse({ objects: [{ id: 'aple 1', type: 'aple', in: 'sofa 1' }] }))).toThrow(UnknownTypeError);
    expect(() => compileWorld(twoRoomHouse({ objects: [{ id: 'aple 1', type: 'aple', in: 'sofa 1' }] }))).toThrow(/did you mean "apple"/);
  });

  it('orders ids by type then number', () => {
    expect(['cabinet 10', 'apple 1', 'cabinet 2'].sort(compareIds)).toEqual(['apple 1', 'cabinet 2', 'cabinet 10']);
  });
});
