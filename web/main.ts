/**
 * The browser app: three views over the same simulator and trace format the CLI uses.
 * Play — a person plays a library scenario (a human baseline, recorded as a trace).
 * Replay — open a trace, scrub it step by step, and check it reaches its recorded state hash.
 * Harness — a harness version's parts, parameters, texts, manifest and gate; a diff of two; a lineage graph.
 * Editor — build a scenario on a grid, validated as the CLI validates it, with the oracle's plan length; play-test it.
 * Live — a model plans in the page (wllama, transformers.js or an OpenAI-compatible server), in a Web Worker.
 */
import { mountPlay, playWorld } from './play/play-view.ts';
import { mountReplay } from './replay/replay-view.ts';
import { mountHarness } from './harness/harness-view.ts';
import { mountEditor } from './editor/editor-view.ts';
import { mountLive } from './live/live-view.ts';

const views = {
  play: document.querySelector<HTMLElement>('#view-play')!,
  replay: document.querySelector<HTMLElement>('#view-replay')!,
  harness: document.querySelector<HTMLElement>('#view-harness')!,
  editor: document.querySelector<HTMLElement>('#view-editor')!,
  live: document.querySelector<HTMLElement>('#view-live')!,
};
const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));

function select(name: keyof typeof views): void {
  for (const tab of tabs) {
    const on = tab.dataset.view === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  for (const [key, view] of Object.entries(views)) view.hidden = key !== name;
}

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab.dataset.view as keyof typeof views));
  // Arrow keys move between tabs (the ARIA tabs pattern).
  tab.addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tabs[(i + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    next.focus();
    select(next.dataset.view as keyof typeof views);
  });
});

mountPlay(views.play);
mountReplay(views.replay);
mountHarness(views.harness);
mountEditor(views.editor, { play: (world) => { playWorld(world); select('play'); } });
mountLive(views.live);
const initial = location.hash.slice(1);
select(initial === 'replay' || initial === 'harness' || initial === 'editor' || initial === 'live' ? initial : 'play');
document.body.dataset.ready = 'true';
