import { describe, expect, it } from 'vitest';
import { formatSpec } from '../../evolve/format-run.ts';
import { diffSpecs, formatSpecChanges } from '../../evolve/spec-diff.ts';
import { harnessId, harnessSpecSchema, type HarnessSpec } from '../harness-spec.ts';
import { testSpec } from '../testing/harness-test-kit.ts';

const SOURCE = 'function run(input) {\n  const left = input.view.stepLimit - input.view.step;\n  return left > 3 ? {} : { turn: { rules: ["Hurry."] } };\n}\n';

const spec = (source: string): HarnessSpec => harnessSpecSchema.parse(testSpec({ control: [{ part: 'sandboxed-js', params: { kind: 'control', hook: 'step-start', mayChange: ['rules'], source } }] }));

describe('a sandboxed part in harness show and diff', () => {
  it('is part of the content id: another source is another version', () => {
    expect(harnessId(spec(SOURCE))).not.toBe(harnessId(spec(SOURCE.replace('3', '4'))));
  });

  it('shows the source as indented lines under the part, not one escaped string', () => {
    const text = formatSpec(spec(SOURCE));
    expect(text).toContain('sandboxed-js kind="control" hook="step-start" mayChange=["rules"] source=(4 lines)');
    expect(text).toContain('\n                source:\n                  function run(input) {\n                    const left = input.view.stepLimit - input.view.step;\n');
    expect(text).not.toContain('\\n');
  });

  it('diffs a changed source line by line', () => {
    const changes = diffSpecs(spec(SOURCE), spec(SOURCE.replace('left > 3', 'left > 4')));
    expect(changes).toEqual([{ kind: 'params-changed', slot: 'control', part: 'sandboxed-js', changes: [{ key: 'source', from: SOURCE, to: SOURCE.replace('left > 3', 'left > 4') }] }]);
    expect(formatSpecChanges(changes).split('\n')).toEqual([
      'control/sandboxed-js: source changed (lines below)',
      '    source:',
      '        …',
      '          const left = input.view.stepLimit - input.view.step;',
      '      -   return left > 3 ? {} : { turn: { rules: ["Hurry."] } };',
      '      +   return left > 4 ? {} : { turn: { rules: ["Hurry."] } };',
      '        }',
    ]);
  });
});
