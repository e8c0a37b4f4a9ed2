/**
 * What changed between two harness versions, as plain JSON: per slot the parts added, removed,
 * replaced or reordered and the parameters changed per part, plus the texts. The CLI's
 * `hearth harness diff` prints it next to the evidence from the run folder (see run-folder.ts).
 * The diff itself lives in spec-diff.ts (no Node modules, so the browser app can use it too).
 */
export * from './spec-diff.ts';

export { findVersion, loadRunFolder, RunFolderError, type RunFolder } from './run-folder.ts';
