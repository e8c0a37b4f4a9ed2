/** `node cli/run-ts.js scenarios/format/write-json-schema.ts`: regenerates scenarios/schema.json. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './json-schema.ts';

const target = fileURLToPath(new URL('../schema.json', import.meta.url));
fs.writeFileSync(target, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
