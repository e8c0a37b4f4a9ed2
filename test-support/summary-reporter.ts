import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain line, `N passed, N failed, N skipped`, so CI can read the outcome without
 * parsing vitest's format. It comes just before vitest's own summary (vitest prints that after
 * every reporter's onTestRunEnd), so `.ci/run` repeats it as the very last line.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that failed to load has no tests but must still count as a failure.
      if (testModule.state() === 'failed' && testModule.children.size === 0) failed += 1;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
