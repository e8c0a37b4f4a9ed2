/**
 * Editor: build a scenario by painting a grid (walls, room floors, doors), placing furniture,
 * movables, objects and the agent's start, and filling in the goal tree and task metadata. Every
 * edit is validated at once with the CLI's own parser, its issues shown as `hearth scenarios
 * validate` prints them, and a valid draft goes to the oracle (in a worker, with a budget) for
 * solvability and the optimal plan length. Scenarios come in from a file (picker or drop) or the
 * bundled library, go out as a download, and open in the Play view to try at once. Nothing an
 * edit does is refused or lost: an invalid draft keeps drawing, and Ctrl+Z undoes.
 */
import { parseScenario, type LoadResult } from '../../scenarios/format/parse-scenario.ts';
import { MOVABLE_TYPES, RECEPTACLE_TYPES, type WorldSpec } from '../../sim/index.ts';
import { download, el } from '../dom.ts';
import { LIBRARY } from '../scenarios.ts';
import { addRoom, inside, resize } from './draft-edits.ts';
import { DraftCanvas } from './draft-canvas.ts';
import { draftFromValue, exportFileName, newDraft, scenarioText, type Cell, type Draft } from './editor-draft.ts';
import { addEditorStyles } from './editor-styles.ts';
import { applyTool, describeCell, TOOLS, type ToolChoices, type ToolName } from './editor-tools.ts';
import { GoalForm } from './goal-form.ts';
import { issueCells } from './issue-cells.ts';
import { MetaForm } from './meta-form.ts';
import { OracleClient } from './oracle-client.ts';
import { renderOracle, renderValidation } from './status-panels.ts';
import { renderThings } from './things-panel.ts';

export interface EditorOptions {
  /** Opens a valid scenario in the Play view. */
  play: (world: WorldSpec) => void;
}

const ARROWS: Record<string, Cell> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
const sortedKeys = (record: object): string[] => Object.keys(record).sort();

export function mountEditor(host: HTMLElement, options: EditorOptions): void {
  addEditorStyles();
  let draft = newDraft();
  let cursor: Cell = [1, 1];
  let tool: ToolName = 'floor';
  let checked: LoadResult = parseScenario(scenarioText(draft), exportFileName(draft));
  const undo: string[] = [];
  const redo: string[] = [];
  let lastStroke: string | undefined;
  let strokes = 0;
  let shiftPainting = false;
  const oracle = new OracleClient();
  let oracleText = '';
  let oracleTimer: ReturnType<typeof setTimeout> | undefined;

  // Toolbar: files in and out, history, play-test.
  const fileInput = el('input', { type: 'file', id: 'editor-file', accept: '.json,application/json', hidden: true });
  const openFile = el('button', { type: 'button', id: 'editor-open', text: 'Open file…' });
  const library = el('select', { id: 'editor-library', 'aria-label': 'Library scenario' }, el('option', { value: '', text: 'Open a library scenario…' }), ...LIBRARY.map((entry) => el('option', { value: entry.file, text: `${entry.world.title} (${entry.file})` })));
  const fresh = el('button', { type: 'button', id: 'editor-new', text: 'New' });
  const undoButton = el('button', { type: 'button', id: 'editor-undo', text: 'Undo', title: 'Ctrl+Z' });
  const redoButton = el('button', { type: 'button', id: 'editor-redo', text: 'Redo', title: 'Ctrl+Shift+Z' });
  const exportButton = el('button', { type: 'button', id: 'editor-export', text: 'Export JSON' });
  const playButton = el('button', { type: 'button', id: 'editor-play', text: 'Play-test ▶' });
  const message = el('span', { class: 'message', id: 'editor-message', 'aria-live': 'polite', text: 'Drop a scenario JSON anywhere here to open it.' });

  // Left: palette, tool options, grid size, the grid, the cursor line.
  const toolButtons = TOOLS.map((t) => el('button', { type: 'button', 'data-tool': t.name, id: `editor-tool-${t.name}`, title: t.hint, 'aria-pressed': String(t.name === tool) }, t.label, el('kbd', { text: t.key.toUpperCase() })));
  const roomPicker = el('select', { id: 'editor-room', 'aria-label': 'Room to paint' });
  const roomName = el('input', { type: 'text', id: 'editor-room-name', placeholder: 'new room name', 'aria-label': 'New room name' });
  const addRoomButton = el('button', { type: 'button', id: 'editor-room-add', text: 'Add room' });
  const furnitureType = el('select', { id: 'editor-furniture-type', 'aria-label': 'Furniture type' }, ...sortedKeys(RECEPTACLE_TYPES).map((type) => el('option', { value: type, text: type })));
  const movableType = el('select', { id: 'editor-movable-type', 'aria-label': 'Movable type' }, ...sortedKeys(MOVABLE_TYPES).map((type) => el('option', { value: type, text: type })));
  const widthInput = el('input', { type: 'number', id: 'editor-width', min: 3, max: 60, 'aria-label': 'Width in cells' });
  const heightInput = el('input', { type: 'number', id: 'editor-height', min: 3, max: 60, 'aria-label': 'Height in cells' });
  const resizeButton = el('button', { type: 'button', id: 'editor-resize', text: 'Set size' });
  const gridHost = el('div', { class: 'grid', id: 'editor-grid', tabindex: 0, role: 'application', 'aria-label': 'Scenario grid: arrow keys move the cursor, Space uses the tool', 'aria-describedby': 'editor-cursor' });
  const cursorLine = el('p', { class: 'cursor-line', id: 'editor-cursor', 'aria-live': 'polite' });

  // Right: verdicts, then the forms.
  const validationHost = el('div', { class: 'panel', id: 'editor-validation', 'aria-live': 'polite' });
  const oracleHost = el('div', { class: 'panel', id: 'editor-oracle', 'aria-live': 'polite' });
  const metaHost = el('div');
  const goalHost = el('div', { id: 'editor-goal' });
  const thingsHost = el('div', { id: 'editor-things' });

  host.replaceChildren(
    el('div', { class: 'toolbar' }, fresh, openFile, fileInput, library, el('span', { class: 'sep' }), undoButton, redoButton, el('span', { class: 'sep' }), exportButton, playButton, message),
    el('div', { class: 'columns' },
      el('div', { class: 'editor-left' },
        el('div', { class: 'palette', role: 'toolbar', 'aria-label': 'Tools' }, ...toolButtons),
        el('div', { class: 'options' },
          el('label', {}, 'Room ', roomPicker), roomName, addRoomButton,
          el('label', {}, 'Furniture ', furnitureType), el('label', {}, 'Movable ', movableType),
          el('label', {}, 'Size ', widthInput), el('label', {}, '× ', heightInput), resizeButton),
        gridHost, cursorLine,
        el('p', { class: 'hint', text: 'Click or drag on the grid to use the tool. Keyboard: arrows move the cursor, Space or Enter uses the tool, Shift+arrows paint while moving, S W F D U M A X pick a tool, Ctrl+Z / Ctrl+Shift+Z undo and redo.' })),
      el('div', { class: 'editor-right' }, validationHost, oracleHost,
        el('details', { open: true }, el('summary', { text: 'Task' }), metaHost),
        el('details', { open: true }, el('summary', { text: 'Goal' }), goalHost),
        el('details', { open: true }, el('summary', { text: 'Furniture and objects' }), thingsHost))),
  );

  const choices = (): ToolChoices => ({ room: roomPicker.value, furnitureType: furnitureType.value, movableType: movableType.value });
  const canvas = new DraftCanvas(gridHost, { maxWidth: 760, maxHeight: 500, onPress: (cell, drag) => { shiftPainting = false; press(cell, drag); } });
  const say = (text: string, state: 'info' | 'error' = 'info'): void => { message.textContent = text; message.dataset.state = state; };

  /** Every change goes through here: one undo step per edit (a drag is one stroke), then a refresh. */
  function edit(what: string, change: (d: Draft) => void, stroke?: string): void {
    const before = JSON.stringify(draft);
    change(draft);
    if (JSON.stringify(draft) === before) return;
    if (stroke === undefined || stroke !== lastStroke) { undo.push(before); redo.length = 0; }
    lastStroke = stroke;
    say(what);
    refresh();
  }

  /** The tool used on a cell; `drag`: reached by dragging (or Shift+arrow), so part of the same stroke. */
  function press(cell: Cell, drag: boolean): void {
    if (!inside(draft, cell)) return;
    cursor = cell;
    if (!drag) strokes += 1;
    let did: string | null = null;
    edit('', (d) => void (did = applyTool(d, tool, cell, drag, choices())), TOOLS.find((t) => t.name === tool)!.strokes ? `paint-${strokes}` : undefined);
    if (did) say(did);
    else void drawGrid();
  }

  function refresh(): void {
    const focused = document.activeElement?.id;
    checked = parseScenario(scenarioText(draft), exportFileName(draft));
    renderValidation(validationHost, checked);
    renderThings(thingsHost, draft, edit);
    goalForm.render();
    fillRooms();
    widthInput.value = String(draft.map[0]?.length ?? 0);
    heightInput.value = String(draft.map.length);
    undoButton.disabled = undo.length === 0;
    redoButton.disabled = redo.length === 0;
    playButton.disabled = !checked.ok;
    playButton.title = checked.ok ? 'Open this scenario in the Play view' : 'Fix the problems under Validation first';
    if (focused && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
    void drawGrid();
    askOracle();
  }

  function drawGrid(): Promise<void> {
    const marked = new Set(checked.ok ? [] : checked.errors.flatMap((issue) => issueCells(issue, draft)));
    cursorLine.textContent = `Cursor [${cursor.join(', ')}]: ${describeCell(draft, cursor)}`;
    return canvas.draw(draft, cursor, marked);
  }

  function fillRooms(): void {
    const keep = roomPicker.value;
    roomPicker.replaceChildren(...Object.entries(draft.legend).map(([key, name]) => el('option', { value: key, text: `${name} (${key})` })));
    if (keep in draft.legend) roomPicker.value = keep;
  }

  function askOracle(): void {
    clearTimeout(oracleTimer);
    if (!checked.ok) {
      oracle.cancel();
      oracleText = '';
      renderOracle(oracleHost, { state: 'waiting' });
      return;
    }
    const text = scenarioText(draft);
    if (text === oracleText) return;
    oracleText = text;
    oracle.cancel();
    renderOracle(oracleHost, { state: 'searching' });
    const world = checked.world;
    oracleTimer = setTimeout(() => oracle.solve(world, (answer) => renderOracle(oracleHost, { state: 'answered', world, answer })), 200);
  }

  const metaForm = new MetaForm(metaHost, () => draft, edit);
  const goalForm = new GoalForm(goalHost, () => draft, edit);

  function load(next: Draft, what: string): void {
    undo.push(JSON.stringify(draft));
    redo.length = 0;
    draft = next;
    cursor = [1, 1];
    metaForm.render();
    say(what);
    refresh();
  }

  function openText(text: string, name: string): void {
    const result = parseScenario(text, name);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const first = result.ok ? '' : result.errors[0]?.message ?? '';
      say(`Cannot open ${name}: ${first || 'it is not JSON'}. The draft is unchanged.`, 'error');
      return;
    }
    const problems = result.ok ? 0 : result.errors.length;
    load(draftFromValue(value), problems ? `Opened ${name}: as written it has ${problems} problem${problems === 1 ? '' : 's'} (the current ones are under Validation).` : `Opened ${name}.`);
  }

  function step(list: string[], other: string[], what: string): void {
    const snapshot = list.pop();
    if (snapshot === undefined) return;
    other.push(JSON.stringify(draft));
    draft = JSON.parse(snapshot) as Draft;
    lastStroke = undefined;
    metaForm.render();
    say(what);
    refresh();
  }

  function chooseTool(name: ToolName): void {
    tool = name;
    for (const button of toolButtons) button.setAttribute('aria-pressed', String(button.dataset.tool === name));
  }

  toolButtons.forEach((button) => button.addEventListener('click', () => { chooseTool(button.dataset.tool as ToolName); gridHost.focus(); }));
  gridHost.addEventListener('keydown', (event) => {
    const arrow = ARROWS[event.key];
    if (arrow) {
      event.preventDefault();
      const next: Cell = [cursor[0] + arrow[0], cursor[1] + arrow[1]];
      if (!inside(draft, next)) return;
      if (event.shiftKey) {
        press(next, shiftPainting);
        shiftPainting = true;
      } else {
        cursor = next;
        shiftPainting = false;
        void drawGrid();
      }
      return;
    }
    shiftPainting = false;
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      press(cursor, false);
      return;
    }
    const picked = TOOLS.find((t) => t.key === event.key.toLowerCase());
    if (picked && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      chooseTool(picked.name);
      say(`${picked.label}: ${picked.hint}`);
    }
  });
  host.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || (event.target as HTMLElement).matches('input[type="text"], textarea')) return;
    if (event.key.toLowerCase() === 'z' || event.key.toLowerCase() === 'y') {
      event.preventDefault();
      if (event.shiftKey || event.key.toLowerCase() === 'y') step(redo, undo, 'Redone.');
      else step(undo, redo, 'Undone.');
    }
  });
  undoButton.addEventListener('click', () => step(undo, redo, 'Undone.'));
  redoButton.addEventListener('click', () => step(redo, undo, 'Redone.'));
  fresh.addEventListener('click', () => load(newDraft(), 'A new draft (Undo brings the previous one back).'));
  addRoomButton.addEventListener('click', () => {
    const name = roomName.value.trim();
    if (!name) return say('Type a room name first, e.g. "bathroom".', 'error');
    let key = '';
    edit(`added room ${name}`, (d) => void (key = addRoom(d, name)));
    roomPicker.value = key;
    roomName.value = '';
    chooseTool('floor');
    say(`Added room ${name} (key '${key}'): paint its floor with the Floor tool.`);
  });
  resizeButton.addEventListener('click', () => {
    const width = Math.floor(Number(widthInput.value));
    const height = Math.floor(Number(heightInput.value));
    if (!(width >= 3 && height >= 3 && width <= 60 && height <= 60)) return say('The size must be 3 to 60 cells each way.', 'error');
    edit(`size ${width}×${height}`, (d) => resize(d, width, height, roomPicker.value || '#'));
  });
  openFile.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (file) openText(await file.text(), file.name);
    fileInput.value = '';
  });
  library.addEventListener('change', () => {
    const entry = LIBRARY.find((candidate) => candidate.file === library.value);
    if (entry) openText(entry.text, entry.file);
    library.value = '';
  });
  host.addEventListener('dragover', (event) => { event.preventDefault(); host.classList.add('dragging'); });
  host.addEventListener('dragleave', () => host.classList.remove('dragging'));
  host.addEventListener('drop', async (event) => {
    event.preventDefault();
    host.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) openText(await file.text(), file.name);
  });
  exportButton.addEventListener('click', () => {
    download(exportFileName(draft), scenarioText(draft), 'application/json');
    say(checked.ok ? `Exported ${exportFileName(draft)}.` : `Exported ${exportFileName(draft)} with ${checked.errors.length} problem(s) still in it.`, checked.ok ? 'info' : 'error');
  });
  playButton.addEventListener('click', () => { if (checked.ok) options.play(checked.world); });

  metaForm.render();
  refresh();
  host.dataset.editorReady = 'true';
}
