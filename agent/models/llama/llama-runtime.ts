/**
 * The one native llama.cpp runtime of the process, loaded on first use. CPU only and never
 * building or downloading anything: the prebuilt binary from the npm package is used.
 */
import { getLlama, type Llama } from 'node-llama-cpp';
import { ModelError } from '../model-error.ts';

let runtime: Promise<Llama> | undefined;

/** The shared llama.cpp runtime (a native handle; loading it twice wastes memory). */
export function llamaRuntime(): Promise<Llama> {
  runtime ??= getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: 'error' as never }).catch(
    (error: unknown) => {
      runtime = undefined;
      throw new ModelError(
        'load-failed',
        `cannot start llama.cpp: ${(error as Error).message}. The prebuilt binary for this platform should come with npm ci ` +
          '(@node-llama-cpp/<platform> packages); reinstall with `npm ci`.',
        { cause: error },
      );
    },
  );
  return runtime;
}
