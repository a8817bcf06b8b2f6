#!/usr/bin/env node
// npm run synth, after `cdktf synth`: per stack, how many resources, which
// templates, which variable file and where the state lives, read from the
// synthesized output itself, so that a wrong target is seen before a plan.
const fs = require("fs");
const path = require("path");

const outdir = path.resolve(process.argv[2] ?? "cdktf.out");
const projectDir = path.dirname(outdir);
const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));

for (const [name, stack] of Object.entries(manifest.stacks)) {
  const stackDir = path.join(outdir, stack.workingDirectory);
  const tf = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8"));
  const resources = Object.values(tf.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  const templates = fs.existsSync(path.join(stackDir, "assets"))
    ? fs.readdirSync(path.join(stackDir, "assets")).flatMap((asset) =>
        fs.readdirSync(path.join(stackDir, "assets", asset)).flatMap((hash) => fs.readdirSync(path.join(stackDir, "assets", asset, hash))),
      )
    : [];
  const copied = ["terraform.tfvars", "terraform.tfvars.json"].filter((file) => fs.existsSync(path.join(stackDir, file)));
  console.log(
    `${name}: ${resources} resources; templates ${templates.sort().join(", ") || "none"}; ` +
      `variables ${copied.length > 0 ? `from ${sourcesOf(name, copied).join(" and ")}` : "from the workspace or -var flags (no tfvars file)"}; ` +
      `state ${stateOf(tf, stackDir)}`,
  );
}

function stateOf(tf, stackDir) {
  const cloud = tf.terraform?.cloud;
  if (cloud) {
    const workspaces = cloud.workspaces?.name ? `workspace ${cloud.workspaces.name}` : `workspaces tagged ${(cloud.workspaces?.tags ?? []).join(", ")}`;
    return `in Terraform Cloud${cloud.hostname ? ` (${cloud.hostname})` : ""}, organization ${cloud.organization}, ${workspaces}`;
  }
  const local = tf.terraform?.backend?.local?.path;
  if (local) {
    const file = path.resolve(stackDir, local);
    return `in ${path.relative(projectDir, file)} (local${fs.existsSync(file) ? "" : ", new: no such file yet"})`;
  }
  return "in an unrecognised backend";
}

/** The project files the stack folder's variable files were copied from: environments/<env>.tfvars for a batch-<env> stack. */
function sourcesOf(stackName, copied) {
  const environment = /^batch-(.+)$/.exec(stackName)?.[1];
  if (environment) {
    const own = [`${environment}.tfvars`, `${environment}.tfvars.json`].find((file) => fs.existsSync(path.join(projectDir, "environments", file)));
    if (own) {
      return [`environments/${own}`];
    }
  }
  return copied;
}
