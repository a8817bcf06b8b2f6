#!/usr/bin/env node
// The synthesized stacks as Terraform Cloud runs them, for a CI matrix (one
// job per stack): after `npm run synth` with the TF_CLOUD_* variables, prints
// {"include":[{"stack","directory","workspace","hostname"}]} read from each stack's own
// cloud block, so the workspace a job uploads to is the one the stack names.
// In GitHub Actions, also writes `matrix=<that JSON>` to $GITHUB_OUTPUT.
//
// Exit status: 0 listed; 2 refused (no synthesis, a stack without a cloud
// block, a stack on workspace tags: an upload names one workspace).
const fs = require("fs");
const path = require("path");

const outdir = path.resolve(process.cwd(), "cdktf.out");
const refuse = (message) => {
  process.stderr.write(`cloud-stacks: ${message}\n`);
  process.exit(2);
};
const manifestFile = path.join(outdir, "manifest.json");
if (!fs.existsSync(manifestFile)) {
  refuse("no cdktf.out/manifest.json: run npm run synth first (with TF_CLOUD_ORGANIZATION and TF_WORKSPACE set)");
}
const include = Object.entries(JSON.parse(fs.readFileSync(manifestFile, "utf8")).stacks).map(([stack, entry]) => {
  const directory = path.posix.join("cdktf.out", entry.workingDirectory.split(path.sep).join("/"));
  const cloud = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), "utf8")).terraform?.cloud;
  if (!cloud) {
    refuse(`stack ${stack} has no cloud block: it was synthesized without TF_CLOUD_ORGANIZATION; synthesize again with TF_CLOUD_ORGANIZATION and TF_WORKSPACE set`);
  }
  if (!cloud.workspaces?.name) {
    refuse(`stack ${stack} is on workspaces tagged ${(cloud.workspaces?.tags ?? []).join(",")}: an upload goes to one named workspace; synthesize with TF_WORKSPACE instead of BATCH_WORKSPACE_TAGS`);
  }
  // "" for HCP Terraform: HashiCorp's actions then use app.terraform.io.
  return { stack, directory, workspace: cloud.workspaces.name, hostname: cloud.hostname ?? "" };
});
const matrix = JSON.stringify({ include });
process.stdout.write(`${matrix}\n`);
if (process.env.GITHUB_OUTPUT) {
  fs.appendFileSync(process.env.GITHUB_OUTPUT, `matrix=${matrix}\n`);
}
