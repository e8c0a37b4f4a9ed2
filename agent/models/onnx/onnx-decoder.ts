/**
 * The forward passes of a transformers.js causal LM with an explicit KV cache that survives between
 * calls: a new prompt that shares a prefix with what was evaluated before costs only its new tokens.
 * Browser-safe (no Node imports).
 */
import { Tensor } from '@huggingface/transformers';
import type { CallGuard } from '../call-guard.ts';

/** What the decoder needs from a transformers.js model: its raw forward pass. */
export interface ForwardModel {
  forward(inputs: Record<string, Tensor | KvCache>): Promise<Record<string, Tensor>>;
}

/** past_key_values.N.key/value tensors, each [batch, kvHeads, seq, headDim]. */
export type KvCache = Record<string, Tensor>;

/** Logits of a forward pass: `rows` consecutive rows of `vocab` floats. */
export interface LogitRows {
  data: Float32Array;
  rows: number;
  vocab: number;
}

/** Row `index` of the logits (a view, no copy). */
export function logitRow(logits: LogitRows, index: number): Float32Array {
  return logits.data.subarray(index * logits.vocab, (index + 1) * logits.vocab);
}

/** Prompts are fed in chunks so cancellation is noticed and the logits buffer stays small. */
const PREFILL_CHUNK = 64;

/** Runs forward passes and keeps the KV cache of the tokens evaluated so far. */
export class OnnxDecoder {
  private cache: KvCache | undefined;
  private cachedTokens: number[] = [];
  /** Logits after the last cached token (a copy), so a prompt equal to the cache costs nothing. */
  private lastLogits: Float32Array | undefined;

  constructor(
    private readonly model: ForwardModel,
    /** When false every call starts from an empty cache (for measuring and for checks). */
    private readonly reusePrefix: boolean,
  ) {}

  /** Forgets the cached prefix. */
  reset(): void {
    this.cache = undefined;
    this.cachedTokens = [];
    this.lastLogits = undefined;
  }

  /**
   * Brings the cache to exactly `tokens` and returns the logits after the last one, plus how many
   * leading tokens came from the cache. A prompt equal to the cache costs nothing; otherwise at
   * least its last token is evaluated (its logits are needed).
   */
  async prefill(tokens: number[], guard: CallGuard): Promise<{ last: Float32Array; cached: number }> {
    if (tokens.length === 0) throw new Error('prefill needs at least one token');
    const shared = this.reusePrefix ? commonPrefix(this.cachedTokens, tokens) : 0;
    // The whole prompt is cached: its last logits were kept, nothing to evaluate.
    if (shared === tokens.length && shared === this.cachedTokens.length && this.lastLogits) {
      return { last: this.lastLogits, cached: shared };
    }
    const reused = Math.min(shared, tokens.length - 1);
    this.truncate(reused);
    let logits: LogitRows | undefined;
    for (let start = reused; start < tokens.length; start += PREFILL_CHUNK) {
      guard.check();
      logits = await this.append(tokens.slice(start, start + PREFILL_CHUNK));
    }
    return { last: logitRow(logits!, logits!.rows - 1), cached: reused };
  }

  /** Evaluates one more token after the cached ones (generation) and returns its logits. */
  async step(token: number): Promise<Float32Array> {
    const logits = await this.append([token]);
    return logitRow(logits, 0);
  }

  /**
   * Logits for every position of `tokens` evaluated after the cached ones, WITHOUT extending the
   * cache (scoring several continuations of one context).
   */
  async peek(tokens: number[]): Promise<LogitRows> {
    const { logits } = await this.run(tokens);
    return logits;
  }

  /** Tokens currently in the cache. */
  get length(): number {
    return this.cachedTokens.length;
  }

  private async append(tokens: number[]): Promise<LogitRows> {
    const { logits, present } = await this.run(tokens);
    this.cache = present;
    this.cachedTokens = this.cachedTokens.concat(tokens);
    this.lastLogits = logitRow(logits, logits.rows - 1).slice();
    return logits;
  }

  private async run(tokens: number[]): Promise<{ logits: LogitRows; present: KvCache }> {
    const past = this.cachedTokens.length;
    const total = past + tokens.length;
    const inputs: Record<string, Tensor | KvCache> = {
      input_ids: int64([1, tokens.length], tokens),
      attention_mask: int64([1, total], new Array<number>(total).fill(1)),
      position_ids: int64([1, tokens.length], tokens.map((_, i) => past + i)),
    };
    // Passed under `past_key_values`: transformers.js unpacks it into the named inputs, and fills
    // empty tensors when it is absent (so spreading the names in directly would be overwritten).
    if (this.cache) inputs['past_key_values'] = this.cache;
    const outputs = await this.model.forward(inputs);
    const logits = outputs['logits']!;
    const [, rows, vocab] = logits.dims as [number, number, number];
    return { logits: { data: logits.data as Float32Array, rows, vocab }, present: toPast(outputs) };
  }

  /** Keeps the first `length` cached tokens (slicing every KV tensor on its sequence axis). */
  private truncate(length: number): void {
    if (length === this.cachedTokens.length) return;
    if (length === 0 || !this.cache) return this.reset();
    const sliced: KvCache = {};
    for (const [name, tensor] of Object.entries(this.cache)) sliced[name] = keepPositions(tensor, length);
    this.cache = sliced;
    this.cachedTokens = this.cachedTokens.slice(0, length);
    this.lastLogits = undefined;
  }
}

/** Renames the model's present.N.* outputs to the past_key_values.N.* inputs of the next pass. */
function toPast(outputs: Record<string, Tensor>): KvCache {
  const past: KvCache = {};
  for (const [name, tensor] of Object.entries(outputs)) {
    if (name.startsWith('present')) past[name.replace('present', 'past_key_values')] = tensor;
  }
  return past;
}

/**
 * The first `length` positions of a [batch, heads, seq, headDim] tensor. Each (batch, head) block is
 * contiguous, so this is a few block copies (Tensor.slice walks element by element and was ~10× slower).
 */
function keepPositions(tensor: Tensor, length: number): Tensor {
  const [batch, heads, seq, dim] = tensor.dims as [number, number, number, number];
  const source = tensor.data as Float32Array;
  const target = new (source.constructor as Float32ArrayConstructor)(batch * heads * length * dim);
  for (let block = 0; block < batch * heads; block++) {
    target.set(source.subarray(block * seq * dim, block * seq * dim + length * dim), block * length * dim);
  }
  return new Tensor(tensor.type, target, [batch, heads, length, dim]);
}

function int64(dims: number[], values: number[]): Tensor {
  return new Tensor('int64', BigInt64Array.from(values, (value) => BigInt(value)), dims);
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
