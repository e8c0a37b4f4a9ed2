import { describe, expect, it } from 'vitest';
import { exemplarFromTrace } from '../exemplar-from-trace.ts';
import { HOT_MUG_PLAN, prompts, runScripted, testHouse, testSpec } from '../testing/harness-test-kit.ts';

const taskHouse = () => ({ ...testHouse(), tags: ['task:heat-then-place'] });

describe('memory parts', () => {
  it('episodic-notes remembers receptacles searched and objects seen, with where', async () => {
    const trace = await runScripted(testSpec({ memory: [{ part: 'episodic-notes' }] }), ['go to countertop 1', 'go to fridge 1', 'look']);
    const third = prompts(trace)[2]!;
    expect(third).toContain('Already searched: countertop 1.'); // the fridge is closed: looked at, not searched
    expect(third).toContain('apple 1 (countertop 1)');
  });

  it('lessons add their rules to the instructions and keep the evidence out of the prompt', async () => {
    const lessons = [{ rule: 'Open closed receptacles before taking from them.', evidence: 'trace t1 step 4: container-closed' }];
    const trace = await runScripted(testSpec({ memory: [{ part: 'lessons', params: { lessons } }] }, { lessons: 'Heat with the microwave.' }), ['look']);
    expect(prompts(trace)[0]).toContain('- Open closed receptacles before taking from them.');
    expect(prompts(trace)[0]).toContain('- Heat with the microwave.');
    expect(prompts(trace)[0]).not.toContain('trace t1');
  });

  it('exemplars show a solved example of the same task type, written from a successful trace', async () => {
    const solved = await runScripted(testSpec(), ['fly away', ...HOT_MUG_PLAN], { scenario: taskHouse() });
    const exemplar = exemplarFromTrace(solved);
    expect(exemplar.key).toBe('exemplar:heat-then-place');
    expect(exemplar.text).toContain('> heat mug 1 with microwave 1');
    expect(exemplar.text).not.toContain('fly away'); // failed actions are not part of the solution
    const trace = await runScripted(testSpec({ memory: [{ part: 'exemplars' }] }, { [exemplar.key]: exemplar.text }), ['look'], { scenario: taskHouse() });
    expect(prompts(trace)[0]).toContain('A solved example of this kind of task');
    expect(prompts(trace)[0]).toContain('take mug 1 from cabinet 1');
    const other = await runScripted(testSpec({ memory: [{ part: 'exemplars' }] }, { 'exemplar:cool-then-place': 'x' }), ['look'], { scenario: taskHouse() });
    expect(prompts(other)[0]).not.toContain('solved example');
  });

  it('exemplarFromTrace refuses a failed trace', async () => {
    const failed = await runScripted(testSpec(), [], { scenario: { ...taskHouse(), stepLimit: 2 } });
    expect(() => exemplarFromTrace(failed)).toThrow(/did not succeed/);
  });
});
