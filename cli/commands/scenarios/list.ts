/** `hearth scenarios list [dir]`: id, task type, rooms and title of each scenario file. */
import { glob } from 'tinyglobby';
import { loadScenarioFile } from '../../../scenarios/format/load-scenario.ts';

export async function listCommand(directory: string): Promise<void> {
  const files = (await glob([`${directory.replace(/\/$/, '')}/**/*.json`], { ignore: ['**/schema.json', '**/*.manifest.json'] })).sort();
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) {
      console.log(`${file}  (invalid: run hearth scenarios validate ${file})`);
      continue;
    }
    const task = loaded.world.tags?.find((tag) => tag.startsWith('task:'))?.slice(5) ?? '-';
    console.log(`${loaded.world.id.padEnd(46)} ${task.padEnd(20)} ${String(loaded.world.rooms.length).padStart(1)} room(s)  ${loaded.world.title}`);
  }
  console.log(`${files.length} scenario(s)`);
}
