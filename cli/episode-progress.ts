/**
 * Progress of a batch of episodes on stderr: a bar with ETA in a terminal (cli-progress), one
 * plain line per finished episode otherwise (logs, CI). Episodes read back from a log count
 * towards the bar but print no line.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { EpisodeResult } from '../agent/bench/episode-log.ts';

export interface EpisodeProgress {
  /** One episode of `total` in the batch called `label` is done. */
  episode(label: string, done: number, total: number, result: EpisodeResult, fresh: boolean): void;
  /** A line of news between bars. */
  note(text: string): void;
  stop(): void;
}

export function episodeProgress(stream: NodeJS.WriteStream = process.stderr): EpisodeProgress {
  const tty = Boolean(stream.isTTY);
  let bar: SingleBar | null = null;
  let current = '';
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    stop,
    note(text) {
      stop();
      stream.write(`${text}\n`);
    },
    episode(label, done, total, result, fresh) {
      const outcome = `${result.success ? 'solved' : 'failed'} in ${result.steps} steps`;
      if (!tty) {
        if (fresh) stream.write(`  ${label} ${done}/${total} ${result.scenarioId}: ${outcome} (${result.seconds.toFixed(1)} s)\n`);
        return;
      }
      if (!bar || current !== label) {
        stop();
        current = label;
        bar = new SingleBar({ format: `  ${label} {bar} {value}/{total} ETA {eta_formatted} {last}`, stream, hideCursor: true, etaBuffer: 20 }, Presets.shades_classic);
        bar.start(total, 0, { last: '' });
      }
      bar.update(done, { last: `${result.scenarioId.split('/').at(-1)}: ${outcome}` });
    },
  };
}
