/**
 * The built-in presets as data, without the file system: the browser app imports them directly
 * (load-harness.ts reads the same JSON files from disk for the CLI).
 */
import evolvedSmollm2 from './evolved-smollm2.json';
import evolvedSmollm2Search from './evolved-smollm2-search.json';
import menuMinimal from './menu-minimal.json';
import minimal from './minimal.json';
import reactBasic from './react-basic.json';
import textBest from './text-best.json';

/** Preset name → its spec JSON (unparsed, as on disk), sorted by name as `presetNames()` lists them. */
export const presetSpecs: Readonly<Record<string, unknown>> = {
  'evolved-smollm2': evolvedSmollm2,
  'evolved-smollm2-search': evolvedSmollm2Search,
  'menu-minimal': menuMinimal,
  minimal,
  'react-basic': reactBasic,
  'text-best': textBest,
};
