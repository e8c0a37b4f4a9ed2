/**
 * Checks `hearth serve-model` makes before a model call, answered in OpenAI's error shape: the
 * request names the model this server serves, and asks only for what its backend can do.
 */
import type { GenerateRequest, ModelBackend } from '../model-backend.ts';
import { HttpFailure } from './server-wire.ts';

/** What the checks read of a route's context. */
export interface ServedModel {
  backend: ModelBackend;
  /** The name listed by `GET /v1/models`. */
  modelName: string;
}

/**
 * A `model` other than the listed name or the backend's id is answered 404 `model_not_found`, as
 * OpenAI and vLLM do, rather than silently served by the one model. Leaving `model` out is fine.
 */
export function checkServedModel(served: ServedModel, model: string | null | undefined): void {
  if (model == null || model === served.modelName || model === served.backend.info.id) return;
  throw new HttpFailure(
    404,
    `The model '${model}' does not exist on this server: it serves '${served.modelName}' (also accepted as '${served.backend.info.id}'; see GET /v1/models). Send one of those names as \`model\`.`,
    'model_not_found',
    'model',
  );
}

/** `request.logprobs` for the backend, or 400 naming `param` when the backend has no per-token log-probabilities. */
export function tokenLogprobsOption(backend: ModelBackend, top: number, param: string): NonNullable<GenerateRequest['logprobs']> {
  if (backend.tokenLogprobs) return { top };
  throw new HttpFailure(
    400,
    `Unsupported parameter: '${param}' — the ${backend.info.backend} backend serving ${backend.info.id} has no per-token log-probabilities. Serve a llama.cpp (GGUF) model for logprobs, or score given continuations with POST /v1/hearth/score {"messages": […], "candidates": ["a", "b"]}.`,
    'unsupported_parameter',
    param,
  );
}
