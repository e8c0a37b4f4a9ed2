import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOW_MOVABLES, KIND_BLOCKED, KIND_FREE, KIND_MOVABLE, distanceField, findPath } from './path-finding.ts';

const W = 7;

function isConnectedPath(path: number[], kinds: Uint8Array, allow: number): boolean {
  return path.every((cell, i) => {
    if (i === 0) return true;
    const prev = path[i - 1]!;
    const step = Math.abs(cell - prev);
    const adjacent = step === W || (step === 1 && Math.floor(cell / W) === Math.floor(prev / W));
    const ok = kinds[cell] === KIND_FREE || (kinds[cell] === KIND_MOVABLE && (allow & ALLOW_MOVABLES) !== 0);
    return adjacent && ok;
  });
}

describe('findPath (A*)', () => {
  it('finds a shortest path whenever breadth-first search says one exists', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: W * 6, maxLength: W * 6 }), fc.nat(W * 6 - 1), fc.nat(W * 6 - 1), (raw, start, goal) => {
        const kinds = Uint8Array.from(raw, (v) => (v < 3 ? KIND_BLOCKED : v === 3 ? KIND_MOVABLE : KIND_FREE));
        kinds[start] = KIND_FREE;
        const distances = distanceField(kinds, W, start, new Int32Array(kinds.length));
        const path = findPath(kinds, W, start, [goal]);
        if (distances[goal]! < 0) return path === null;
        return path !== null && path.length - 1 === distances[goal] && path[0] === start && path.at(-1) === goal && isConnectedPath(path, kinds, 0);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('goes to the nearest of several goals', () => {
    const kinds = new Uint8Array(W * 3);
    const path = findPath(kinds, W, 3, [0, 6, 10]);
    expect(path).toEqual([3, 10]);
  });

  it('crosses movables only when allowed', () => {
    const kinds = new Uint8Array(W);
    kinds[3] = KIND_MOVABLE;
    expect(findPath(kinds, W, 0, [6])).toBeNull();
    expect(findPath(kinds, W, 0, [6], ALLOW_MOVABLES)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
