/**
 * Runs one harness on a plan of scenarios × seeds through an episode log: episodes already logged
 * are read back, the rest are run and logged as they finish. The one way episodes are run for
 * evolution (and the benchmark), so both resume exactly.
 */
import type { PhysicsMode, WorldSpec } from '../../sim/index.ts';
import { buildHarness } from '../harness/build-harness.ts';
import { behaviourId, type HarnessSpec } from '../harness/harness-spec.ts';
import { builtInParts } from '../harness/all-parts.ts';
import { runEpisode } from '../harness/run-episode.ts';
import type { ModelBackend } from '../models/model-backend.ts';
import type { EventOf } from '../trace/trace-events.ts';
import type { EpisodeLog, EpisodeResult } from './episode-log.ts';

export interface EpisodePlan {
  scenarios: readonly WorldSpec[];
  seeds: readonly number[];
}

export interface RunEpisodesOptions {
  log: EpisodeLog;
  model: ModelBackend;
  physics?: PhysicsMode;
  /** After each episode (run or read back). */
  onEpisode?: (result: EpisodeResult, fresh: boolean) => void;
  /** Checked before each new episode: true stops the batch (the results so far are kept). */
  shouldStop?: () => boolean;
}

/** The log key of one episode: same behaviour, model, chooser, scenario, seed and physics → same episode. */
export function episodeKey(parts: { behaviourId: string; model: string; chooser: string; scenarioId: string; seed: number; physics: string }): string {
  return [parts.behaviourId, parts.model, parts.chooser, parts.scenarioId, parts.seed, parts.physics].join('|');
}

/** Results in plan order (scenario-major); fewer than planned only when `shouldStop` said so. */
export async function runEpisodes(spec: HarnessSpec, plan: EpisodePlan, options: RunEpisodesOptions): Promise<EpisodeResult[]> {
  const harness = buildHarness(spec, builtInParts);
  const behaviour = behaviourId(spec);
  const physics = options.physics ?? 'kinematic';
  const chooser = options.model.pick ? 'null' : 'model';
  const results: EpisodeResult[] = [];
  for (const scenario of plan.scenarios) {
    for (const seed of plan.seeds) {
      const key = episodeKey({ behaviourId: behaviour, model: options.model.info.id, chooser, scenarioId: scenario.id, seed, physics });
      const known = options.log.get(key);
      if (known) {
        results.push(known);
        options.onEpisode?.(known, false);
        continue;
      }
      if (options.shouldStop?.()) return results;
      const started = performance.now();
      const trace = await runEpisode({ scenario, seed, model: options.model, harness, physics });
      const end = trace.events.at(-1) as EventOf<'episode-end'>;
      const result = options.log.append({
        key, behaviourId: behaviour, harnessId: harness.id, model: options.model.info.id, chooser, scenarioId: scenario.id, seed,
        success: end.success, steps: end.steps, termination: end.termination, tokens: end.tokens, modelCalls: end.modelCalls,
        seconds: Math.round(performance.now() - started) / 1000,
      }, trace);
      results.push(result);
      options.onEpisode?.(result, true);
    }
  }
  return results;
}
