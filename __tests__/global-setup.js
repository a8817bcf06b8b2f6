// The whole jest run works in one temporary folder (TMPDIR, which the workers
// inherit), removed by global-teardown.js: nothing a test makes there, cdktf's
// Testing outdirs included, is left behind.
const fs = require("fs");
const os = require("os");
const path = require("path");

module.exports = () => {
  process.env.TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), "batch-tests-"));
};
