/**
 * The one refusal of `GenerateRequest.logprobs` by backends that cannot compute per-token
 * log-probabilities, so a caller never gets a result silently without them.
 */
import type { GenerateRequest, ModelInfo } from './model-backend.ts';
import { ModelError } from './model-error.ts';

/** ModelError `unsupported` when the request asks for per-token log-probabilities, else undefined. */
export function tokenLogprobsRefusal(request: GenerateRequest, info: Pick<ModelInfo, 'id' | 'backend'>): ModelError | undefined {
  if (request.logprobs === undefined) return undefined;
  return new ModelError(
    'unsupported',
    `the ${info.backend} backend (${info.id}) does not compute per-token log-probabilities (request.logprobs); use a llama.cpp (GGUF) model, or scoreChoices to score given continuations`,
    { modelId: info.id },
  );
}
