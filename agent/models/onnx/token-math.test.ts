import { describe, expect, it } from 'vitest';
import { argmax, logProbOf, logSumExp, sampleToken, seededUniform } from './token-math.ts';

describe('token math', () => {
  it.each([
    [[0, 0], Math.log(2)],
    [[1000, 1000], 1000 + Math.log(2)],
    [[-1e4, 0], 0],
  ])('logSumExp(%j) is stable', (row, expected) => {
    expect(logSumExp(row)).toBeCloseTo(expected, 9);
  });

  it('turns logits into log-probabilities that sum to one', () => {
    const row = [0.5, -1, 3, 2];
    const total = row.reduce((sum, _, i) => sum + Math.exp(logProbOf(row, i)), 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('breaks argmax ties toward the lowest id', () => {
    expect(argmax([1, 5, 5, 2])).toBe(1);
  });

  it('samples the same tokens for the same seed and covers likely tokens', () => {
    const row = [0, 1, 2, 0.5];
    const draw = (seed: number) => {
      const uniform = seededUniform(seed);
      return Array.from({ length: 50 }, () => sampleToken(row, 1, uniform));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    expect(new Set(draw(3)).size).toBeGreaterThan(1);
  });
});
