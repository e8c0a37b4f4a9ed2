/**
 * An evolution lineage (lineage.json) as an SVG graph: one column per round, the start on the left,
 * each round's candidates stacked under it with an arrow from the version they were made from;
 * accepted candidates (the round's new version is the first of them) are drawn green, rejected grey.
 */
import type { Lineage } from '../../agent/evolve/version-record.ts';

const NS = 'http://www.w3.org/2000/svg';
const W = 236;
const H = 58;
const COL = 280;
const ROW = 72;
const PAD = 12;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

interface Box { x: number; y: number; lines: string[]; state: 'start' | 'version' | 'accepted' | 'rejected'; behaviourId: string; label: string }

export function drawLineage(lineage: Lineage): SVGSVGElement {
  const behaviourOf = new Map(lineage.versions.map((version) => [version.id, version.behaviourId]));
  const start = lineage.versions.find((version) => version.id === lineage.start);
  const boxes: Box[] = [];
  const arrows: [Box, Box][] = [];
  const startBox: Box = {
    x: PAD, y: PAD, state: 'start', behaviourId: start?.behaviourId ?? '',
    lines: [`start ${lineage.start}`, start?.behaviourId ?? '', `success ${start ? Math.round(start.successRate * 100) : '?'}%`],
    label: `start ${lineage.start}, success ${start ? Math.round(start.successRate * 100) : '?'}%`,
  };
  boxes.push(startBox);
  const versionBox = new Map<string, Box>([[lineage.start, startBox]]);
  let rows = 1;
  lineage.rounds.forEach((round, column) => {
    const acceptedBehaviour = round.accepted ? behaviourOf.get(round.accepted) : undefined;
    const parent = versionBox.get(round.parent) ?? startBox;
    round.candidates.forEach((candidate, row) => {
      const isVersion = candidate.behaviourId === acceptedBehaviour;
      const state: Box['state'] = isVersion ? 'version' : candidate.accepted ? 'accepted' : 'rejected';
      const verdict = isVersion ? `version ${round.accepted}` : candidate.accepted ? 'accepted (not kept)' : 'rejected';
      const box: Box = {
        x: PAD + (column + 1) * COL, y: PAD + row * ROW, state, behaviourId: candidate.behaviourId,
        lines: [`r${round.round} +${candidate.levers.join(' +') || '?'}`, `${candidate.behaviourId} · ${Math.round(candidate.successRate * 100)}%`, verdict],
        label: `round ${round.round} candidate ${candidate.behaviourId}, levers ${candidate.levers.join(', ')}, success ${Math.round(candidate.successRate * 100)}%, ${verdict}${candidate.accepted ? '' : `: ${candidate.reason}`}`,
      };
      boxes.push(box);
      arrows.push([parent, box]);
      if (isVersion && round.accepted) versionBox.set(round.accepted, box);
    });
    rows = Math.max(rows, round.candidates.length);
  });
  const width = PAD * 2 + lineage.rounds.length * COL + W;
  const height = PAD * 2 + (rows - 1) * ROW + H;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Evolution lineage: ${lineage.rounds.length} round(s), best ${lineage.best}`, class: 'lineage-graph' });
  root.append(svg('defs', {}, svg('marker', { id: 'lineage-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#6b6258' }))));
  for (const [from, to] of arrows) {
    const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x - 2, y2 = to.y + H / 2;
    const mid = (x1 + x2) / 2;
    root.append(svg('path', { d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`, fill: 'none', stroke: to.state === 'rejected' ? '#b9ad9d' : '#6b6258', 'stroke-width': to.state === 'version' ? 2.5 : 1.5, 'marker-end': 'url(#lineage-arrow)' }));
  }
  const fills = { start: '#e8eef8', version: '#cfead4', accepted: '#e3f4e6', rejected: '#f1ebe2' };
  const strokes = { start: '#1565c0', version: '#1b7a2e', accepted: '#1b7a2e', rejected: '#b9ad9d' };
  for (const box of boxes) {
    const best = box.behaviourId !== '' && box.behaviourId === behaviourOf.get(lineage.best) && (box.state === 'version' || box.state === 'start');
    root.append(svg('g', { tabindex: 0, role: 'img', 'aria-label': `${box.label}${best ? ' (best)' : ''}`, 'data-state': box.state, class: 'lineage-node' },
      svg('title', {}, box.label),
      svg('rect', { x: box.x, y: box.y, width: W, height: H, rx: 6, fill: fills[box.state], stroke: strokes[box.state], 'stroke-width': best ? 3 : 1.5 }),
      ...box.lines.map((line, i) => svg('text', { x: box.x + 8, y: box.y + 17 + i * 16, 'font-size': 12, 'font-family': i === 1 ? 'ui-monospace, monospace' : 'system-ui, sans-serif', 'font-weight': i === 0 ? 600 : 400, fill: '#222' }, line.length > 30 ? `${line.slice(0, 29)}…` : line))));
  }
  return root;
}
