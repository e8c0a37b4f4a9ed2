/** The registry of every built-in part. */
import { createPartRegistry } from './part-registry.ts';
import { summarizerParts } from './parts/summarizer-parts.ts';
import { decomposerParts } from './parts/decomposer-parts.ts';
import { memoryParts } from './parts/memory-parts.ts';
import { selectorParts } from './parts/selector-parts.ts';
import { validatorParts } from './parts/validator-parts.ts';
import { controlParts } from './parts/control-parts.ts';
import { promptParts } from './parts/prompt-parts.ts';
import { enforcementParts } from './parts/enforcement-parts.ts';
import { midTaskParts } from './parts/mid-task-rewrite.ts';
import { searchOrderParts } from './parts/search-order.ts';
import { sandboxedPart } from './sandbox/sandboxed-part.ts';

export const BUILT_IN_PARTS = [...summarizerParts, ...decomposerParts, ...memoryParts, ...promptParts, ...selectorParts, ...validatorParts, ...controlParts, ...enforcementParts, ...searchOrderParts, ...midTaskParts, sandboxedPart];
export const builtInParts = createPartRegistry(BUILT_IN_PARTS);
