/** The Editor view's styles, added to the page once when it is mounted (the rest of the app's are in index.html). */

const CSS = `
#view-editor .toolbar .sep { width: 1px; height: 1.4rem; background: #d6ccbf; }
#view-editor .toolbar .message { color: #555; font-size: 13px; }
#view-editor .toolbar .message[data-state="error"] { color: #b3261e; }
#view-editor .editor-left { width: 770px; flex: none; }
#view-editor .editor-right { flex: 1; min-width: 0; max-height: calc(100vh - 112px); overflow: auto; padding-right: 0.3rem; }
#view-editor .palette { display: flex; flex-wrap: wrap; gap: 0.25rem; margin-bottom: 0.35rem; }
#view-editor .palette button { border: 1px solid #b9ad9d; background: #fff; border-radius: 4px; padding: 0.2rem 0.55rem; }
#view-editor .palette button[aria-pressed="true"] { background: #3b352f; color: #f7f1e8; border-color: #3b352f; }
#view-editor .palette kbd { font-size: 11px; opacity: 0.7; margin-left: 0.25rem; }
#view-editor .options { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.9rem; margin-bottom: 0.35rem; font-size: 13px; }
#view-editor .options input[type="number"], #view-editor .narrow { width: 3.6rem; }
#view-editor .options input[type="text"] { width: 7rem; }
#view-editor .grid { display: inline-block; border-radius: 4px; outline-offset: 2px; }
#view-editor .grid canvas { display: block; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,0.2); cursor: crosshair; }
#view-editor .grid:focus-visible { outline: 3px solid #1565c0; }
#view-editor .cursor-line { margin: 0.3rem 0 0.1rem; font-size: 13px; }
#view-editor .hint { margin: 0; font-size: 12px; color: #6b6258; }
#view-editor .panel { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 0.4rem 0.6rem; margin-bottom: 0.5rem; }
#view-editor .panel h3 { margin-top: 0; }
#view-editor .issues { margin: 0.2rem 0 0; padding-left: 1.1rem; font-size: 12px; }
#view-editor .issues li { margin: 0.15rem 0; }
#view-editor .issues .path { font-weight: 700; color: #b3261e; }
#view-editor .plan { margin: 0.2rem 0 0; padding-left: 1.6rem; font-size: 12px; columns: 2; }
#view-editor details { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 0.3rem 0.6rem; margin-bottom: 0.5rem; }
#view-editor summary { font-weight: 600; cursor: pointer; color: #3b352f; }
#view-editor .meta { display: grid; grid-template-columns: 6.5rem 1fr; gap: 0.25rem 0.5rem; align-items: center; margin-top: 0.3rem; }
#view-editor .meta input { font: inherit; padding: 0.15rem 0.3rem; width: 100%; }
#view-editor .meta input[type="number"] { width: 5rem; }
#view-editor h4 { margin: 0.4rem 0 0.15rem; font-size: 0.85rem; color: #6b6258; }
#view-editor ul.things { list-style: none; padding: 0; margin: 0; font-size: 13px; }
#view-editor li.thing { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2rem 0.6rem; padding: 0.15rem 0; border-bottom: 1px solid #f0ebe3; }
#view-editor .thing-id { font-weight: 600; min-width: 7rem; }
#view-editor .thing-cell { color: #6b6258; font-family: ui-monospace, monospace; font-size: 12px; min-width: 3.5rem; }
#view-editor li.thing > button { margin-left: auto; }
#view-editor button.small { padding: 0 0.35rem; font-size: 12px; border: 1px solid #c9bfb1; background: #fff; border-radius: 3px; }
#view-editor .state-box { font-size: 12px; margin-right: 0.35rem; white-space: nowrap; }
#view-editor .add-object { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-top: 0.4rem; font-size: 13px; }
#view-editor .goal-node { border-left: 3px solid #d9cfc2; padding: 0.2rem 0 0.2rem 0.5rem; margin: 0.25rem 0; }
#view-editor .goal-node.composite { border-left-color: #8a7f73; }
#view-editor .goal-head { display: flex; gap: 0.4rem; align-items: center; }
#view-editor .goal-selector { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin: 0.2rem 0; font-size: 13px; }
#view-editor .goal-role { color: #6b6258; min-width: 4.8rem; }
#view-editor .goal-states { display: inline-flex; flex-wrap: wrap; }
#view-editor select { font: inherit; font-size: 13px; max-width: 15rem; }
#view-editor.dragging { outline: 3px dashed #1565c0; outline-offset: -6px; background: #efe6d8; }
`;

export function addEditorStyles(): void {
  if (document.getElementById('editor-styles')) return;
  const style = document.createElement('style');
  style.id = 'editor-styles';
  style.textContent = CSS;
  document.head.append(style);
}
