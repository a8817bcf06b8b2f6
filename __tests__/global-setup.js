// The whole jest run works in one temporary folder (TMPDIR, which the workers
// inherit), removed by global-teardown.js: nothing a test makes there, cdktf's
// Testing outdirs included, is left behind. Whether a terraform binary
// answers is asked once here, for every test file (BATCH_TESTS_TERRAFORM).
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = () => {
  process.env.TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), "batch-tests-"));
  process.env.BATCH_TESTS_TERRAFORM = spawnSync("terraform", ["version"]).status === 0 ? "1" : "0";
};
