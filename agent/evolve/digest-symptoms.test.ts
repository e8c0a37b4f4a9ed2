import { describe, expect, it } from 'vitest';
import { blockedDoorHouse, twoRoomHouse } from '../../sim/index.ts';
import { HOT_MUG_PLAN, runScripted, testHouse, testSpec } from '../harness/testing/harness-test-kit.ts';
import { digestTrace } from './digest.ts';
import { closedLeftUnopened } from './digest-symptoms.ts';
import { digestContext, lookingSteps } from './digest-detectors.ts';

const symptomsOf = async (replies: string[], scenario = testHouse(6)) => {
  const record = digestTrace(await runScripted(testSpec(), replies, { scenario }));
  if (!record) throw new Error('expected a failed episode');
  return record.symptoms;
};

describe('failure symptoms', () => {
  it('names closed receptacles visited and never opened, and forgets those opened later', async () => {
    const trace = await runScripted(testSpec(), ['go to cabinet 1', 'go to drawer 1', 'go to fridge 1', 'open fridge 1', 'go to countertop 1'], { scenario: testHouse(6) });
    expect(closedLeftUnopened(digestContext(trace))).toEqual(['cabinet 1', 'drawer 1']);
    expect(digestTrace(trace)!.symptoms).toContain('closed-left-unopened');
  });

  it('shows none of them when every closed receptacle visited was opened', async () => {
    expect(await symptomsOf(['go to cabinet 1', 'open cabinet 1', 'look', 'look', 'look', 'look'])).toEqual([]);
  });

  it('sees the target never seen only after searching at least three places', async () => {
    // The mug is in the closed cabinet 1: three surfaces searched, then the steps run out.
    expect(await symptomsOf(['go to countertop 1', 'go to diningtable 1', 'go to stoveburner 1', 'look', 'look', 'look'])).toEqual(['target-never-seen']);
    expect(await symptomsOf(['go to countertop 1', 'go to diningtable 1', 'look', 'look', 'look', 'look'])).toEqual([]);
  });

  it('sees a long search when the target turns up only after most of the steps went on looking', async () => {
    // Three surfaces, then the cabinet: the mug is seen at step 5 of 6, too late to finish.
    const trace = await runScripted(testSpec(), ['go to countertop 1', 'go to diningtable 1', 'go to stoveburner 1', 'go to cabinet 1', 'open cabinet 1', 'look'], { scenario: testHouse(6) });
    expect(lookingSteps(digestContext(trace))).toBe(5);
    const record = digestTrace(trace)!;
    expect(record.symptoms).toEqual(['long-search']);
    expect(record.categories.find((c) => c.category === 'search-inefficiency')?.evidence[0]?.excerpt).toMatch(/^5 of 6 steps spent looking for a mug; visited: countertop 1/);
  });

  it('counts looking steps only until the target is seen, and none while it is held', async () => {
    const trace = await runScripted(testSpec(), [...HOT_MUG_PLAN.slice(0, 4), 'look', 'look'], { scenario: testHouse(6) });
    expect(lookingSteps(digestContext(trace))).toBe(2); // go to cabinet 1, open cabinet 1
    expect(digestTrace(trace)!.symptoms).not.toContain('long-search');
    expect(digestTrace(trace)!.categories.map((c) => c.category)).not.toContain('search-inefficiency');
  });

  it('sees a way blocked again and again when the item in it is not pushed aside', async () => {
    expect(await symptomsOf(['go to desk 1', 'go to sofa 1', 'look'], { ...blockedDoorHouse(), stepLimit: 3 })).toContain('blocked-repeatedly');
    expect(await symptomsOf(['go to desk 1', 'push chair 1', 'look'], { ...blockedDoorHouse(), stepLimit: 3 })).not.toContain('blocked-repeatedly');
  });

  it('sees a closed door in the way', async () => {
    const closedDoor = twoRoomHouse({ stepLimit: 3, doors: [{ id: 'door 1', cell: [7, 3], open: false, rooms: ['kitchen', 'livingroom'] }] });
    const symptoms = await symptomsOf(['go to shelf 1', 'go to desk 1', 'look'], closedDoor);
    expect(symptoms).toContain('door-closed');
  });
});
