/** JSON Schema → the subset node-llama-cpp compiles (no model needed: the reduction is pure). */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { grammarJsonSchema } from './json-schema-grammar.ts';

describe('grammarJsonSchema', () => {
  it('keeps required properties, drops optional ones and bounds it cannot express, and turns anyOf into oneOf', () => {
    const schema = z.toJSONSchema(z.object({ op: z.literal('insert'), part: z.enum(['a', 'b']), note: z.string().optional(), n: z.number().int().min(0), tags: z.array(z.string().max(5)).max(2), either: z.union([z.string(), z.object({ x: z.number() })]) }).strict()) as Record<string, unknown>;
    expect(grammarJsonSchema(schema)).toEqual({
      type: 'object', additionalProperties: false,
      properties: { op: { const: 'insert' }, part: { enum: ['a', 'b'] }, n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 2 }, either: { oneOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'number' } }, additionalProperties: false }] } },
    });
  });

  it('keeps free-form records as additionalProperties with their bounds', () => {
    expect(grammarJsonSchema({ type: 'object', additionalProperties: { type: 'number' }, maxProperties: 3 })).toEqual({ type: 'object', properties: {}, additionalProperties: { type: 'number' }, maxProperties: 3 });
  });

  it('refuses keywords the grammar cannot follow, naming where', () => {
    expect(() => grammarJsonSchema({ type: 'object', properties: { a: { allOf: [{ type: 'string' }] } }, required: ['a'] })).toThrow("(root).properties.a: 'allOf' cannot be followed");
  });
});
