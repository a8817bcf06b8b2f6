// Removes the run's temporary folder (see global-setup.js), and only that one.
const fs = require("fs");
const path = require("path");

module.exports = () => {
  const folder = process.env.TMPDIR;
  if (folder && path.basename(folder).startsWith("batch-tests-")) {
    fs.rmSync(folder, { recursive: true, force: true });
  }
};
