/**
 * For python-bridge.test.ts: starts the fake bridge, has it spawn a grandchild, prints both pids as
 * JSON, then ends without closing — `exit` calls process.exit(0), `return` lets the event loop drain.
 * Either way no Python or grandchild may outlive this Node process.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PythonBridge } from '../python-bridge.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const bridge = new PythonBridge({ python: process.env.HEARTH_TEST_PYTHON ?? 'python3', script: path.join(here, 'fake_bridge.py'), label: 'fake bridge' });
await bridge.call('hello', { params: {} });
await bridge.call('reset', { task: { id: 'one' }, seed: 0 });
const spawned = (await bridge.call('step', { action: 'spawn' })) as { observation: string };
console.log(JSON.stringify({ bridge: bridge.pid, grandchild: Number(spawned.observation.split(' ')[1]) }));
if (process.argv[2] === 'exit') process.exit(0);
