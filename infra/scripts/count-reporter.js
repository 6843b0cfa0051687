/**
 * Ends every test run with the one plain line CI reads: `N passed, N failed`. Under
 * `pnpm test` the line goes to a file that the wrapper prints last, after jest's own summary.
 */
const { writeFileSync } = require('node:fs');

class CountReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
    if (process.env.PULSE_TEST_SUMMARY_FILE) writeFileSync(process.env.PULSE_TEST_SUMMARY_FILE, `${line}\n`);
    else process.stdout.write(`\n${line}\n`);
  }
}
module.exports = CountReporter;
