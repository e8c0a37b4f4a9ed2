/**
 * Renders chat messages with the model's own chat template (read from the GGUF by
 * node-llama-cpp's chat wrappers), ending where the assistant's reply starts.
 */
import { JinjaTemplateChatWrapper, resolveChatWrapper, type ChatHistoryItem, type ChatWrapper, type LlamaModel, type Token } from 'node-llama-cpp';

// Resolving a wrapper parses the GGUF's Jinja template: slow, so once per model.
const wrappers = new WeakMap<LlamaModel, ChatWrapper>();
import type { ChatMessage, ModelInput } from '../model-backend.ts';

/** Tokens for a request: a raw prompt, or chat messages rendered with the model's template. */
export function inputTokens(model: LlamaModel, input: ModelInput): Token[] {
  if ('prompt' in input) return model.tokenize(input.prompt, true);
  let wrapper = wrappers.get(model);
  if (!wrapper) {
    // The GGUF's own Jinja template renders exactly what transformers' apply_chat_template does
    // (default system prompt included), so the llama and ONNX backends see the same prompt.
    const template = model.fileInfo.metadata.tokenizer?.chat_template;
    wrapper = typeof template === 'string' ? new JinjaTemplateChatWrapper({ template }) : resolveChatWrapper(model);
    wrappers.set(model, wrapper);
  }
  const { contextText } = wrapper.generateContextState({ chatHistory: toHistory(input.messages) });
  return contextText.tokenize(model.tokenizer);
}

function toHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((message) => {
    if (message.role === 'system') return { type: 'system', text: message.content };
    if (message.role === 'user') return { type: 'user', text: message.content };
    return { type: 'model', response: [message.content] };
  });
  // An open model turn: the template then ends with the assistant prefix.
  history.push({ type: 'model', response: [] });
  return history;
}
