/** The HUD beside the house: goal, subgoal, step, last action and its feedback, and the outcome. */

export interface HudState {
  goal: string;
  subgoal: string | null;
  step: number;
  stepLimit: number;
  lastAction: string | null;
  feedback: string;
  /** Did the last action succeed (null before the first)? */
  lastOk: boolean | null;
  outcome: 'playing' | 'success' | 'failed';
  /** Why it failed, or extra words on the outcome. */
  outcomeDetail?: string;
}

const ROWS: [keyof HudState, string][] = [
  ['goal', 'Goal'],
  ['subgoal', 'Subgoal'],
  ['step', 'Step'],
  ['lastAction', 'Last action'],
  ['feedback', 'Feedback'],
  ['outcome', 'Outcome'],
];

export class Hud {
  private readonly cells = new Map<keyof HudState, HTMLElement>();

  constructor(host: HTMLElement) {
    const list = document.createElement('dl');
    list.className = 'hud';
    for (const [key, name] of ROWS) {
      const term = document.createElement('dt');
      term.textContent = name;
      const value = document.createElement('dd');
      value.dataset.hud = key;
      list.append(term, value);
      this.cells.set(key, value);
    }
    host.replaceChildren(list);
  }

  show(state: HudState): void {
    this.set('goal', state.goal);
    this.set('subgoal', state.subgoal ?? '—');
    this.set('step', `${state.step} / ${state.stepLimit}`);
    this.set('lastAction', state.lastAction ?? '—');
    this.set('feedback', state.feedback);
    const feedback = this.cells.get('feedback')!;
    feedback.classList.toggle('bad', state.lastOk === false);
    const outcome = this.cells.get('outcome')!;
    const words = { playing: 'in progress', success: '✓ success — goal reached', failed: '✗ failed' }[state.outcome];
    outcome.textContent = state.outcomeDetail ? `${words} (${state.outcomeDetail})` : words;
    outcome.dataset.outcome = state.outcome;
  }

  private set(key: keyof HudState, text: string): void {
    this.cells.get(key)!.textContent = text;
  }
}
