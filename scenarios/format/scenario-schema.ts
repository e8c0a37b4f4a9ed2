/**
 * The scenario authoring format: the ONE schema (zod) from which `scenarios/schema.json` is
 * generated for editors. A scenario is a house drawn as an ASCII map with a legend, furniture
 * placed by cell, objects placed in furniture, the agent's start, and a goal tree.
 */
import { z } from 'zod';

export const SCENARIO_SCHEMA_VERSION = 1 as const;

const cell = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .describe('A grid cell [x, y]: x counts columns from the left, y rows from the top, both from 0.');

const instanceId = z
  .string()
  .regex(/^[a-z]+ [1-9][0-9]*$/, 'must be a type then an instance number, like "fridge 1" or "apple 2"');

const stateName = z.enum(['hot', 'cold', 'clean', 'dirty', 'sliced']);

const objectSelector = z.union([
  z.object({ id: instanceId, states: z.array(stateName).optional() }).strict(),
  z.object({ type: z.string().regex(/^[a-z]+$/), states: z.array(stateName).optional() }).strict(),
]);
const receptacleSelector = z.union([
  z.object({ id: instanceId }).strict(),
  z.object({ type: z.string().regex(/^[a-z]+$/) }).strict(),
]);

const goalTree: z.ZodType<unknown> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('all-of'), goals: z.array(goalTree).min(1) }).strict(),
    z.object({ type: z.literal('any-of'), goals: z.array(goalTree).min(1) }).strict(),
    z.object({ type: z.literal('not'), goal: goalTree }).strict(),
    z.object({ type: z.literal('in'), object: objectSelector, receptacle: receptacleSelector }).strict(),
    z.object({ type: z.literal('holding'), object: objectSelector }).strict(),
    z.object({ type: z.literal('has-state'), object: objectSelector }).strict(),
    z.object({ type: z.literal('count'), object: objectSelector, receptacle: receptacleSelector, min: z.number().int().min(1) }).strict(),
    z.object({ type: z.literal('light-on'), receptacle: receptacleSelector }).strict(),
    z.object({ type: z.literal('examined-under-light'), object: objectSelector }).strict(),
  ]),
);

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must look like "household/heat-mug-kitchen-v1"'),
    title: z.string().min(1),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    layout: z
      .object({
        map: z.array(z.string().min(3)).min(3).describe('Rows top to bottom: "#" wall, "+" door, any other character is floor of the room the legend names.'),
        legend: z.record(z.string().length(1), z.string().min(1)).describe('Floor character → room name, e.g. {"k": "kitchen"}.'),
      })
      .strict(),
    doors: z
      .array(z.object({ cell, open: z.boolean().optional() }).strict())
      .optional()
      .describe('State of "+" cells (default open); doors are named door 1, door 2 … in reading order.'),
    furniture: z.array(
      z
        .object({ id: instanceId, cell, open: z.boolean().optional(), on: z.boolean().optional() })
        .strict(),
    ),
    movables: z.array(z.object({ id: instanceId, cell }).strict()).optional(),
    objects: z.array(
      z.object({ id: instanceId, in: instanceId, states: z.array(stateName).optional() }).strict(),
    ),
    agent: z.object({ cell }).strict(),
    goal: z.object({ tree: goalTree, text: z.string().optional() }).strict(),
    stepLimit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/** A scenario file as authored. */
export type ScenarioFile = z.infer<typeof scenarioSchema>;
