/**
 * The editor's two verdicts on the draft: validation — each issue exactly as `hearth scenarios
 * validate` prints it (formatIssue over parseScenario's issues, for the text the draft exports
 * as), its JSON path picked out — and the oracle's answer (solvable, the optimal plan and its
 * length; or why not, in the words `hearth scenarios solve` uses).
 */
import { formatIssue, type ScenarioIssue } from '../../scenarios/format/scenario-issue.ts';
import type { LoadResult } from '../../scenarios/format/parse-scenario.ts';
import { describeOracleFailure } from '../../scenarios/oracle/describe-outcome.ts';
import { DEFAULT_STEP_LIMIT, type WorldSpec } from '../../sim/index.ts';
import { el } from '../dom.ts';
import { EDITOR_BUDGET } from './oracle-client.ts';
import type { OracleAnswer } from './oracle-worker.ts';

const count = (n: number): string => n.toLocaleString('en-US');

/** One issue line; the JSON path inside it is marked up, the text is formatIssue's, unchanged. */
function issueItem(issue: ScenarioIssue): HTMLElement {
  const line = formatIssue(issue);
  const path = issue.path || '(root)';
  const at = line.indexOf(` ${path}: `);
  const item = el('li', { class: 'issue mono', 'data-path': issue.path });
  if (at === -1) item.textContent = line;
  else item.append(line.slice(0, at + 1), el('span', { class: 'path', text: path }), line.slice(at + 1 + path.length));
  return item;
}

export function renderValidation(host: HTMLElement, result: LoadResult): void {
  host.dataset.state = result.ok ? 'valid' : 'invalid';
  if (result.ok) {
    host.replaceChildren(el('h3', { text: 'Validation' }), el('p', { class: 'verdict ok', id: 'editor-verdict', text: `✓ valid — hearth scenarios validate ${result.file} prints "ok"` }));
    return;
  }
  const n = result.errors.length;
  host.replaceChildren(
    el('h3', { text: 'Validation' }),
    el('p', { class: 'verdict bad', id: 'editor-verdict', text: `✗ ${n} problem${n === 1 ? '' : 's'} — as hearth scenarios validate ${result.file} prints them:` }),
    el('ul', { class: 'issues', id: 'editor-issues' }, ...result.errors.map(issueItem)),
  );
}

export type OracleView = { state: 'waiting' } | { state: 'searching' } | { state: 'answered'; world: WorldSpec; answer: OracleAnswer };

export function renderOracle(host: HTMLElement, view: OracleView): void {
  const title = el('h3', { text: 'Oracle (optimal plan)' });
  delete host.dataset.length;
  if (view.state === 'waiting') {
    host.dataset.state = 'waiting';
    host.replaceChildren(title, el('p', { class: 'note', text: 'Waits for a valid scenario: fix the problems above first.' }));
    return;
  }
  if (view.state === 'searching') {
    host.dataset.state = 'searching';
    host.replaceChildren(title, el('p', { class: 'note', text: `Searching… (in a worker; budget ${count(EDITOR_BUDGET.maxStates)} states or ${EDITOR_BUDGET.maxSeconds} s)` }));
    return;
  }
  const { answer, world } = view;
  if (!answer.ok) {
    host.dataset.state = 'error';
    host.replaceChildren(title, el('p', { class: 'verdict bad', text: answer.message }));
    return;
  }
  const result = answer.result;
  host.dataset.state = result.outcome;
  if (result.solvable) {
    host.dataset.length = String(result.length);
    const limit = world.stepLimit ?? DEFAULT_STEP_LIMIT;
    host.replaceChildren(
      title,
      el('p', { class: 'verdict ok', id: 'editor-oracle-verdict', text: `✓ solvable — optimal plan: ${result.length} step${result.length === 1 ? '' : 's'} (step limit ${limit}; ${count(result.states)} states, ${Math.round(result.seconds * 1000)} ms)` }),
      el('ol', { class: 'plan mono' }, ...result.plan.map((action) => el('li', { text: action }))),
    );
    return;
  }
  const raise = 'the editor searches with a small budget: export the file and run `hearth scenarios solve FILE` for the full one';
  host.replaceChildren(title, el('p', { class: 'verdict bad', id: 'editor-oracle-verdict', text: describeOracleFailure(result, world.stepLimit ?? DEFAULT_STEP_LIMIT, raise) }));
}
