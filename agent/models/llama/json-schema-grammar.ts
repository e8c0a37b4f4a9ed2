/**
 * A JSON Schema reduced to the subset node-llama-cpp compiles into a grammar
 * (`llama.createGrammarForJsonSchema`): type, const, enum, oneOf, $ref/$defs, object properties,
 * array items with min/maxItems, string min/maxLength. Its objects always write every property it
 * lists, so an optional property (one not in `required`) is left out — the model never writes it,
 * which is still valid. Bounds it cannot express (minimum, pattern …) are dropped: the caller
 * checks the answer against the full schema anyway. Keywords that change what is valid in ways the
 * grammar cannot follow (allOf, not, if, patternProperties) are refused with the path.
 */
import type { GbnfJsonSchema } from 'node-llama-cpp';

type Json = Record<string, unknown>;

/**
 * What node-llama-cpp's JSON grammar makes the model write after the JSON value (its
 * `stopGenerationTriggers`): generation stops there, else the grammar lets newlines run on to maxTokens.
 */
export const JSON_GRAMMAR_END = '\n\n\n\n';

/** A schema this reduction cannot turn into a grammar. */
export class JsonSchemaGrammarError extends Error {
  override readonly name = 'JsonSchemaGrammarError';
}

const REFUSED = ['allOf', 'not', 'if', 'then', 'else', 'patternProperties', 'dependentSchemas', 'unevaluatedProperties'];
const SCALARS = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const STRING_FORMATS = new Set(['date-time', 'time', 'date']);
const ANY_SCALAR = { type: ['string', 'number', 'integer', 'boolean', 'null'] } as const;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const pick = (node: Json, keys: readonly string[]): Json => Object.fromEntries(keys.filter((key) => node[key] !== undefined).map((key) => [key, node[key]]));

function reduceObject(node: Json, at: string): Json {
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  const properties = isObject(node.properties) ? node.properties : {};
  const kept = Object.fromEntries(Object.entries(properties).filter(([key]) => required.has(key)).map(([key, value]) => [key, reduce(value, `${at}.properties.${key}`)]));
  const extra = node.additionalProperties;
  const additionalProperties = extra === undefined || extra === false ? false : extra === true || (isObject(extra) && Object.keys(extra).length === 0) ? true : reduce(extra, `${at}.additionalProperties`);
  return { type: 'object', properties: kept, additionalProperties, ...(additionalProperties === false ? {} : pick(node, ['minProperties', 'maxProperties'])) };
}

function reduceTyped(node: Json, type: string, at: string): Json {
  if (type === 'object') return reduceObject(node, at);
  if (type === 'array') {
    return {
      type: 'array',
      ...(node.items !== undefined && node.items !== true ? { items: reduce(node.items, `${at}.items`) } : {}),
      ...(Array.isArray(node.prefixItems) ? { prefixItems: node.prefixItems.map((item, index) => reduce(item, `${at}.prefixItems.${index}`)) } : {}),
      ...pick(node, ['minItems', 'maxItems']),
    };
  }
  if (type === 'string') return { type, ...pick(node, ['minLength', 'maxLength']), ...(STRING_FORMATS.has(node.format as string) ? { format: node.format } : {}) };
  if (SCALARS.has(type)) return { type };
  throw new JsonSchemaGrammarError(`${at}: unknown type '${type}'; JSON Schema types are object, array, string, number, integer, boolean, null`);
}

function reduce(schema: unknown, at: string): Json {
  if (schema === true || (isObject(schema) && Object.keys(schema).filter((key) => key !== 'description' && key !== 'default').length === 0)) return { ...ANY_SCALAR };
  if (!isObject(schema)) throw new JsonSchemaGrammarError(`${at}: a schema must be an object or true, got ${JSON.stringify(schema)}`);
  const refused = REFUSED.find((key) => key in schema);
  if (refused) throw new JsonSchemaGrammarError(`${at}: '${refused}' cannot be followed by llama.cpp's JSON grammar; use type, const, enum, oneOf/anyOf, properties/required, items, min/maxItems, min/maxLength`);
  if ('const' in schema) return { const: schema.const };
  if (Array.isArray(schema.enum)) return { enum: schema.enum };
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref };
  const union = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (Array.isArray(union)) return { oneOf: union.map((option, index) => reduce(option, `${at}.oneOf.${index}`)) };
  const type = schema.type;
  if (Array.isArray(type)) {
    if (type.every((entry) => SCALARS.has(entry as string))) return { type };
    return { oneOf: type.map((entry) => reduceTyped(schema, entry as string, at)) };
  }
  if (typeof type === 'string') return reduceTyped(schema, type, at);
  if (isObject(schema.properties)) return reduceObject(schema, at);
  throw new JsonSchemaGrammarError(`${at}: no type, const, enum, oneOf or $ref to build a grammar from (keys: ${Object.keys(schema).join(', ')})`);
}

/** The schema in the form node-llama-cpp accepts (throws JsonSchemaGrammarError saying where it cannot). */
export function grammarJsonSchema(schema: Record<string, unknown>): GbnfJsonSchema {
  const root = reduce(schema, '(root)');
  const defs = isObject(schema.$defs) ? schema.$defs : undefined;
  if (defs) root.$defs = Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, reduce(def, `$defs.${name}`)]));
  return root as GbnfJsonSchema;
}
