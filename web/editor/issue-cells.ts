/**
 * Which grid cells a validation issue is about, so the editor can outline them: a cell the message
 * names ("at [3,2]", "row 2, column 5"), else the cell of the thing its JSON path points at
 * (furniture, movable, door, the agent, or the furniture an object is in).
 */
import type { ScenarioIssue } from '../../scenarios/format/scenario-issue.ts';
import type { Draft } from './editor-draft.ts';

export function issueCells(issue: ScenarioIssue, draft: Draft): string[] {
  const named = [...issue.message.matchAll(/\[(\d+),\s*(\d+)\]/g)].map((match) => `${match[1]},${match[2]}`);
  const column = issue.message.match(/row (\d+), column (\d+)/);
  if (column) named.push(`${column[2]},${column[1]}`);
  if (named.length) return named;
  const [, list, index] = issue.path.match(/^(furniture|movables|doors|objects)\[(\d+)\]/) ?? [];
  if (list === 'furniture' || list === 'movables' || list === 'doors') {
    const cell = draft[list][Number(index)]?.cell;
    return cell ? [String(cell)] : [];
  }
  if (list === 'objects') {
    const holder = draft.furniture.find((item) => item.id === draft.objects[Number(index)]?.in);
    return holder ? [String(holder.cell)] : [];
  }
  if (issue.path.startsWith('agent')) return [String(draft.agent)];
  return [];
}
