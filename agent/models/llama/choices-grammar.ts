/**
 * Moved to agent/models/choices-grammar.ts (backend-neutral). Kept as a re-export only until
 * llama-backend.ts and web/live/wllama-backend.ts import the neutral module; then delete it.
 */
export { choicesGrammar } from '../choices-grammar.ts';
