// Test-only extension: runs the integration suite inside code-server's extension host (see README.md).
'use strict';
const fs = require('fs');

exports.activate = function activate() {
  const configPath = process.env.BASE44_VSCODE_TEST_CONFIG;
  if (!configPath || !fs.existsSync(configPath)) return;
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  // One run per session: a reloaded window (or a second browser tab) must not run the suite again.
  try {
    fs.writeFileSync(config.startedPath, String(process.pid), { flag: 'wx' });
  } catch {
    return;
  }
  const progress = (line) => {
    try {
      fs.appendFileSync(config.progressPath, line + '\n');
    } catch {
      /* ignore */
    }
  };
  const finish = (results) => {
    fs.writeFileSync(config.resultsPath + '.tmp', JSON.stringify(results, null, 2));
    fs.renameSync(config.resultsPath + '.tmp', config.resultsPath);
  };
  // Let activation finish first (the suite waits for the extension under test itself).
  setTimeout(async () => {
    try {
      const suite = require(config.suiteIndex);
      const results = await suite.runWithResults({
        grep: config.grep,
        invert: config.invert,
        timeout: config.timeout,
        files: config.files,
        onLine: progress,
      });
      finish(results);
    } catch (err) {
      progress(`harness error: ${err && err.stack ? err.stack : err}`);
      finish({
        passed: 0,
        failed: 1,
        pending: 0,
        tests: [
          { title: 'harness: load the suite', state: 'failed', error: String(err && err.stack ? err.stack : err) },
        ],
      });
    }
  }, 500);
};

exports.deactivate = function deactivate() {};
