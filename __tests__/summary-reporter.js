// Prints one plain closing line, "tests: N passed, N failed, N skipped",
// that CI systems reading the last line of output understand. It is written
// at exit, after jest's own summary, which jest flushes late.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.on("exit", () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
