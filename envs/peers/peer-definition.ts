/**
 * What Hearth knows about one peer benchmark (a Python package behind a bridge): how to install it,
 * how to start its bridge, and which suites (task lists) it names. One file per peer
 * (`envs/<peer>/<peer>.ts`) exports one of these; `envs/registry.ts` lists them.
 */
import type { EnvTask } from '../protocol.ts';

export interface PeerSuite {
  /** Full name, e.g. `alfworld:valid_seen`, `twx:twc-easy:test`, `scienceworld:boil:test`. */
  name: string;
  description: string;
  /** Params the bridge is started with for this suite (game parameters …); recorded in run configs and traces. */
  params: Record<string, unknown>;
  /** Where the suite's files are on this machine (ALFWorld's data folder): sent to the bridge, not recorded (the tasks' hashes say what was run). */
  location?: Record<string, unknown>;
  /** Step cap used for this suite (50 for ALFWorld, as in the literature). */
  stepLimit: number;
  /** The tasks, in a fixed order. Throws EnvError('missing' | 'usage') with a fix when they cannot be listed. */
  tasks(): EnvTask[];
}

export interface PeerDefinition {
  /** Registry id: `alfworld`, `twx`, `scienceworld`. */
  id: string;
  title: string;
  /** Pinned pip requirements, e.g. ['alfworld==0.4.2', 'textworld==1.7.0']. */
  requirements: string[];
  /** Human version string recorded in traces, e.g. `alfworld 0.4.2 + textworld 1.7.0`. */
  version: string;
  /** Needs a Java runtime (TextWorldExpress, ScienceWorld). */
  needsJava: boolean;
  /** A Python statement that succeeds only when the package is installed and importable. */
  importCheck: string;
  /** Absolute path of the bridge script (`envs/<peer>/bridge.py`). */
  bridgeScript: string;
  /** Suites by their full name. */
  suites(): PeerSuite[];
}
