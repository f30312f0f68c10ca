// Extension test runner: the workbench's smoke-test driver loads this bundle (via
// --extensionTestsPath) in the extension host and calls run(). A rejected promise or a
// thrown error makes the run exit non-zero. Test files are bundled next to this file by
// test/integration/run.mjs as *.test.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    timeout: 60_000,
    color: false, // output goes through the workbench log, not a terminal
    grep: process.env.TOOLCALL_TEST_GREP || undefined,
  });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (err) {
      reject(err);
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
