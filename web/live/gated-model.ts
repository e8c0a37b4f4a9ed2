/**
 * A model backend behind a {@link StepGate}: each call first waits for the gate to admit the
 * current step, so the page can pause, single-step and slow down an episode. A stopped gate turns
 * the call into ModelError `cancelled` (the runner records it and ends the episode).
 * Before asking the gate, each call yields one macrotask: a backend that computes in the worker's
 * own thread (transformers.js with onnxruntime-web, unproxied) settles only through microtasks, so
 * without the yield the page's play/pause/step/stop messages would wait for the episode to end.
 */
import type { GenerateRequest, GenerateResult, ModelBackend, ScoreRequest, ScoreResult } from '../../agent/models/model-backend.ts';
import { ModelError } from '../../agent/models/model-error.ts';
import { GateStopped, type StepGate } from './step-gate.ts';

export function gatedModel(model: ModelBackend, gate: StepGate, currentStep: () => number): ModelBackend {
  const admit = async (): Promise<void> => {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    try {
      await gate.admit(currentStep());
    } catch (error) {
      if (error instanceof GateStopped) throw new ModelError('cancelled', `stopped from the page (${error.message})`, { modelId: model.info.id });
      throw error;
    }
  };
  return {
    info: model.info,
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      await admit();
      return model.generate(request);
    },
    async scoreChoices(request: ScoreRequest): Promise<ScoreResult> {
      await admit();
      return model.scoreChoices(request);
    },
    resetCache: () => model.resetCache(),
    close: () => model.close(),
  };
}
