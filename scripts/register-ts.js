// Runs the app's TypeScript without type-checking it: swc strips the types of
// the project's own .ts files in-process (node_modules stays plain JS), which
// keeps `cdktf synth` close to the CLI's own start-up time. Types are checked
// by `npm test` (tsc --noEmit).
const fs = require("fs");
const { transformSync } = require("@swc/core");

require.extensions[".ts"] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
    filename,
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "commonjs" },
    sourceMaps: "inline",
    swcrc: false,
  });
  module._compile(code, filename);
};
