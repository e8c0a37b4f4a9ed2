/**
 * How a household suite is laid out from one seed: `layouts` houses for train (room counts 1–4 in
 * turn) with `trainPerLayout` tasks each; test-seen puts `testPerLayout` new tasks in those same
 * houses; test-unseen draws as many new houses with new tasks. Task types go round-robin, so every
 * split is balanced over the six types whenever its size is a multiple of six.
 */
import { deriveSeed } from '../generate/random-tools.ts';
import { TASK_TYPES, type TaskType } from '../generate/task-types.ts';
import type { SplitName } from './suite-manifest.ts';

export interface SuiteShape {
  layouts: number;
  trainPerLayout: number;
  testPerLayout: number;
}

/** household-v1: 30 houses × 4 train tasks = 120, 30 × 2 test-seen = 60, 30 new houses × 2 = 60. */
export const HOUSEHOLD_V1_SHAPE: SuiteShape = { layouts: 30, trainPerLayout: 4, testPerLayout: 2 };

export interface PlannedMember {
  id: string;
  split: SplitName;
  taskType: TaskType;
  layoutSeed: number;
  rooms: number;
  taskSeed: number;
}

export function planSuite(suite: string, seed: number, shape: SuiteShape): PlannedMember[] {
  const members: PlannedMember[] = [];
  const add = (split: SplitName, layoutKind: 'seen' | 'unseen', perLayout: number): void => {
    let n = 0;
    for (let layout = 0; layout < shape.layouts; layout++) {
      for (let k = 0; k < perLayout; k++) {
        const taskType = TASK_TYPES[n % TASK_TYPES.length]!;
        n += 1;
        members.push({
          id: `${suite}/${split}-${String(n).padStart(3, '0')}-${taskType}`,
          split,
          taskType,
          layoutSeed: deriveSeed(seed, 'layout', layoutKind, layout),
          rooms: 1 + (layout % 4),
          taskSeed: deriveSeed(seed, 'task', split, layout, k),
        });
      }
    }
  };
  add('train', 'seen', shape.trainPerLayout);
  add('test-seen', 'seen', shape.testPerLayout);
  add('test-unseen', 'unseen', shape.testPerLayout);
  return members;
}
