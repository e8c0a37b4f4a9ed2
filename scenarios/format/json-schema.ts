/** The JSON Schema of the scenario format, generated from the zod schema (the source of truth). */
import { z } from 'zod';
import { scenarioSchema } from './scenario-schema.ts';

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'https://hearth.local/scenarios/schema.json',
    title: 'Hearth scenario',
  };
}
