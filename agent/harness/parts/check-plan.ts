/**
 * Checks a model-written plan against the goal: each line is matched to the goal's phases by its
 * verbs; the plan must name the goal's object (and target receptacle), contain every needed phase
 * (acquire, each transform, deliver) and keep them in order. Wrong plans are worse than none for
 * a small model, so anything that fails is reported and not used.
 */
import { selectorType, type GoalNode } from '../../../sim/index.ts';
import { mainLeaf, type GoalPhase } from './goal-phases.ts';

const PHASE_WORDS: Record<GoalPhase['phase'], RegExp> = {
  locate: /\b(find|search|look|go|open|check|locate)\b/,
  acquire: /\b(take|pick|grab|get|hold)\b/,
  transform: /$^/, // per state, below
  deliver: /\b(put|place|set|drop|examine|lamp|light|switch|turn on)\b/,
};
// Verbs always mark a transform; the tool's name only when the line does not take something
// ("get the apple from the fridge" is acquiring, "use the fridge" is cooling).
const STATE_VERBS: Record<string, RegExp> = { hot: /\b(heat|warm)/, cold: /\b(cool|chill|freeze)/, clean: /\b(clean|wash|rinse)/, sliced: /\b(slice|cut)/ };
const STATE_TOOLS: Record<string, RegExp> = { hot: /\b(microwave|stove)/, cold: /\bfridge/, clean: /\bsink/, sliced: /\bknife/ };

function isTransform(line: string, state: string): boolean {
  const verb = STATE_VERBS[state]?.test(line) ?? false;
  return verb || ((STATE_TOOLS[state]?.test(line) ?? false) && !PHASE_WORDS.acquire.test(line));
}

/** A plan line with the index of the goal phase it serves. */
export interface PlanStep {
  text: string;
  phase: number;
}

export type PlanCheck = { ok: true; steps: PlanStep[] } | { ok: false; problems: string[] };

/** Plan lines without numbering or bullets, at most `max`. */
export function parsePlanLines(text: string, max: number): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(\d+[.)]|[-*•]|step \d+:?)\s*/i, '').trim())
    .filter((line) => line.length > 2)
    .slice(0, max);
}

function phaseOf(line: string, phases: readonly GoalPhase[], previous: number): number {
  const lower = line.toLowerCase();
  let best = -1;
  phases.forEach((phase, index) => {
    const matches = phase.phase === 'transform' ? isTransform(lower, phase.state ?? '') : PHASE_WORDS[phase.phase].test(lower);
    if (matches) best = index;
  });
  return best < 0 ? previous : best;
}

function namesType(lines: readonly string[], type: string): boolean {
  const text = lines.join(' ').toLowerCase();
  return text.includes(type) || text.includes(type.replace(/s$/, ''));
}

/** Checks `lines` against the goal's phases; see the file comment for the rules. */
export function checkPlan(lines: readonly string[], phases: readonly GoalPhase[], tree: GoalNode): PlanCheck {
  const leaf = mainLeaf(tree);
  if (!leaf || !phases.length) return { ok: false, problems: ['the goal has no object to plan for'] };
  if (!lines.length) return { ok: false, problems: ['the plan is empty'] };
  const problems: string[] = [];
  const objectType = selectorType(leaf.object);
  if (!namesType(lines, objectType)) problems.push(`it never names the ${objectType}`);
  if ('receptacle' in leaf && !namesType(lines, selectorType(leaf.receptacle))) problems.push(`it never names the ${selectorType(leaf.receptacle)}`);
  const steps: PlanStep[] = [];
  for (const line of lines) steps.push({ text: line, phase: phaseOf(line, phases, steps.at(-1)?.phase ?? 0) });
  phases.forEach((phase, index) => {
    if (phase.phase !== 'locate' && !steps.some((step) => step.phase === index)) problems.push(`no step does "${phase.text}"`);
  });
  const backwards = steps.findIndex((step, index) => index > 0 && step.phase < steps[index - 1]!.phase);
  if (backwards > 0) problems.push(`step ${backwards + 1} ("${steps[backwards]!.text}") comes after a later phase`);
  return problems.length ? { ok: false, problems } : { ok: true, steps };
}
