// A vitest reporter that keeps what the JSON reporter leaves out: errors thrown outside any test
// (an unhandled rejection, a timer firing after its file ended). They fail the run while every
// test passes, and vitest prints them far above the end of a long CI log; scripts/test-all.mjs
// reads this file and names them on the last lines, beside the count.
import { writeFileSync } from 'node:fs';

export const UNHANDLED_JSON = '.vitest-unhandled.json';

export default class UnhandledErrorsReporter {
  onTestRunEnd(_modules, unhandledErrors, reason) {
    const errors = unhandledErrors.map((e) => ({
      name: e.name ?? 'Error',
      message: String(e.message ?? ''),
      // vitest tags an error with the file and test running when it was thrown
      file: e.VITEST_TEST_PATH ?? null,
      test: e.VITEST_TEST_NAME ?? null,
      stack: String(e.stack ?? '')
        .split('\n')
        .slice(0, 8)
        .join('\n'),
    }));
    writeFileSync(UNHANDLED_JSON, JSON.stringify({ reason, errors }, null, 2));
  }
}
