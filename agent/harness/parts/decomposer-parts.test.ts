import { describe, expect, it } from 'vitest';
import type { GoalNode } from '../../../sim/index.ts';
import { HOT_MUG_PLAN, eventsOf, prompts, runScripted, testSpec } from '../testing/harness-test-kit.ts';
import { checkPlan, parsePlanLines } from './check-plan.ts';
import { goalPhases } from './goal-phases.ts';

const HOT_MUG: GoalNode = { type: 'in', object: { type: 'mug', states: ['hot'] }, receptacle: { type: 'countertop' } };
const GOOD_PLAN = '1. Find a mug in the cabinets\n2. Take the mug\n3. Heat the mug in the microwave\n4. Put the mug on the countertop';

describe('subgoal decomposers', () => {
  it('goal-tree goes locate → acquire → transform → deliver, tracked from observations', async () => {
    const trace = await runScripted(testSpec({ decomposer: { part: 'goal-tree' } }), HOT_MUG_PLAN);
    const started = eventsOf(trace, 'subgoal-start').map((event) => event.subgoal);
    expect(started.map((text) => text.split(' ')[0])).toEqual(['find', 'take', 'heat', 'go']);
    expect(eventsOf(trace, 'subgoal-start')[1]!.step).toBe(3); // the mug is seen once the cabinet is open (step 2)
    expect(eventsOf(trace, 'subgoal-end')).toHaveLength(3);
  });

  it('none adds no subgoal', async () => {
    const trace = await runScripted(testSpec({ decomposer: { part: 'none' } }), HOT_MUG_PLAN);
    expect(eventsOf(trace, 'subgoal-start')).toHaveLength(0);
  });

  it('model-plan uses a plan that passes the check and tracks its steps', async () => {
    const trace = await runScripted(testSpec({ decomposer: { part: 'model-plan' } }), [GOOD_PLAN, ...HOT_MUG_PLAN]);
    expect(eventsOf(trace, 'model-call')[0]).toMatchObject({ part: 'model-plan', step: 0 });
    expect(prompts(trace)[1]).toContain('1. Find a mug in the cabinets');
    expect(eventsOf(trace, 'subgoal-start').map((event) => event.subgoal)).toEqual(['Find a mug in the cabinets', 'Take the mug', 'Heat the mug in the microwave', 'Put the mug on the countertop']);
  });

  it('model-plan rejects a plan that misses a phase, says why, and falls back to the goal tree', async () => {
    const trace = await runScripted(testSpec({ decomposer: { part: 'model-plan' } }), ['1. Take the mug\n2. Put the mug on the countertop', 'look']);
    expect(eventsOf(trace, 'control')[0]).toMatchObject({ signal: 'plan-rejected', detail: 'no step does "heat it with a microwave or stoveburner while holding a mug"' });
    expect(eventsOf(trace, 'subgoal-start')[0]!.subgoal).toMatch(/^find a mug/);
  });
});

describe('checkPlan', () => {
  it.each([
    ['a plan in order with every phase', GOOD_PLAN, []],
    ['a plan without the object', '1. Open the cabinet\n2. Take it\n3. Heat it\n4. Put it on the countertop', ['it never names the mug']],
    ['a plan without the target', '1. Take the mug\n2. Heat the mug\n3. Put it down', ['it never names the countertop']],
    ['a plan out of order', '1. Take the mug\n2. Put the mug on the countertop\n3. Heat the mug', ['step 3 ("Heat the mug") comes after a later phase']],
    ['an empty plan', '', ['the plan is empty']],
  ])('judges %s', (_what, text, problems) => {
    const check = checkPlan(parsePlanLines(text, 5), goalPhases(HOT_MUG), HOT_MUG);
    expect(check.ok ? [] : check.problems).toEqual(problems);
  });

  it('reads "get the mug from the fridge" as taking, not cooling', () => {
    const cold: GoalNode = { type: 'in', object: { type: 'mug', states: ['cold'] }, receptacle: { type: 'shelf' } };
    const check = checkPlan(['get the mug from the fridge', 'cool the mug', 'put the mug on the shelf'], goalPhases(cold), cold);
    expect(check).toMatchObject({ ok: true, steps: [{ phase: 1 }, { phase: 2 }, { phase: 3 }] });
  });

  it('parses numbered, bulleted and plain lines up to the limit', () => {
    expect(parsePlanLines('1. a mug\n- b mug\n* c mug\nStep 4: d mug\n5) e mug\nf mug', 5)).toEqual(['a mug', 'b mug', 'c mug', 'd mug', 'e mug']);
  });
});
