/**
 * `hearth scenarios validate <files, folders or globs…>`: every error of every file; exit 1 if
 * any, or if nothing was checked (every file named was skipped). Whatever a file holds (deep,
 * huge, binary, not a file at all), each gets an answer and the batch always ends with its
 * summary. Validation does not search: a note says how to check that a goal can really be reached.
 */
import { loadScenarioFile, type LoadResult } from '../../../scenarios/format/load-scenario.ts';
import { formatIssue } from '../../../scenarios/format/scenario-issue.ts';
import { namedFiles } from './scenario-files.ts';

function check(file: string): LoadResult {
  try {
    return loadScenarioFile(file);
  } catch (error) {
    return { ok: false, file, errors: [{ file, path: '', message: `internal error while checking this file (${(error as Error).name}: ${(error as Error).message}); please report it` }] };
  }
}

export async function validateCommand(patterns: string[]): Promise<void> {
  const { files, problems, skipped } = await namedFiles(patterns);
  for (const { file, message } of skipped) console.log(`note: skipped ${file} (${message})`);
  if (files.length === 0 && problems.length === 0) {
    // Only skipped files (a glob matching schema and manifest files only): a pass would check nothing.
    console.error(`error: nothing was validated: every file named was skipped (${skipped.length} schema or manifest file${skipped.length === 1 ? '' : 's'}, not scenarios); name scenario .json files or folders that hold them`);
    console.log('0 valid, 0 invalid');
    process.exitCode = 1;
    return;
  }
  let valid = 0;
  for (const file of files) {
    const result = check(file);
    if (result.ok) {
      valid += 1;
      console.log(`ok    ${file}`);
      continue;
    }
    console.log(`error ${file}`);
    for (const issue of result.errors) console.log(`  ${formatIssue(issue)}`);
  }
  for (const { argument, message } of problems) {
    console.log(`error ${argument}`);
    console.log(`  ${argument}: ${message}`);
  }
  const invalid = files.length + problems.length - valid;
  console.log(`${valid} valid, ${invalid} invalid`);
  if (valid) console.log('note: validate checks what can be known without searching; run `hearth scenarios solve FILE` to check that a goal can be reached');
  if (invalid) process.exitCode = 1;
}
