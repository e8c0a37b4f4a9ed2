/** `hearth scenarios validate <files or globs…>`: every error of every file; exit 1 if any. */
import { glob } from 'tinyglobby';
import { loadScenarioFile } from '../../../scenarios/format/load-scenario.ts';
import { formatIssue } from '../../../scenarios/format/scenario-issue.ts';

export async function validateCommand(patterns: string[]): Promise<void> {
  const files = (await glob(patterns, { absolute: false, expandDirectories: false })).sort();
  const missing = patterns.filter((pattern) => !/[*?{[]/.test(pattern) && !files.includes(pattern));
  let invalid = 0;
  for (const file of [...files, ...missing]) {
    const result = loadScenarioFile(file);
    if (result.ok) {
      console.log(`ok    ${file}`);
      continue;
    }
    invalid += 1;
    console.log(`error ${file}`);
    for (const issue of result.errors) console.log(`  ${formatIssue(issue)}`);
  }
  const total = files.length + missing.length;
  if (total === 0) {
    console.error(`no files match ${patterns.join(' ')}`);
    process.exitCode = 1;
    return;
  }
  console.log(`${total - invalid} valid, ${invalid} invalid`);
  if (invalid) process.exitCode = 1;
}
