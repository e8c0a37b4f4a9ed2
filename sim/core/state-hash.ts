/**
 * Hex digest of a plain-JSON value: key-sorted JSON (safe-stable-stringify) hashed with SHA-256
 * (@noble/hashes, pure JS, identical in Node and browsers).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import stringify from 'safe-stable-stringify';

/** Stable JSON text of a value: object keys sorted, so equal states give equal text. */
export function stableStringify(value: unknown): string {
  return stringify(value) ?? 'undefined';
}

/** SHA-256 hex of the stable JSON text of a value. */
export function hashJson(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(stableStringify(value))));
}
