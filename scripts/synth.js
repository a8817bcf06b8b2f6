#!/usr/bin/env node
// npm run synth: the app run as `cdktf synth` runs it, without the CLI's
// start-up (about 2.5 s of its 3): the app command of cdktf.json with the
// environment and context the CLI gives it (cdktf-cli's synth: CDKTF_OUTDIR,
// CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, CDKTF_CONTEXT_JSON, no TF_VAR_*),
// the annotations printed as the CLI prints them (an error once, then exit 1),
// stacks no longer synthesized removed, so cdktf.out/ is what `cdktf synth`
// writes, byte for byte. Then, per stack, how many resources, which
// templates, which variable file and where the state lives, read from the
// output itself, so that a wrong target is seen before a plan.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const projectDir = process.cwd();
const config = JSON.parse(fs.readFileSync(path.join(projectDir, "cdktf.json"), "utf8"));
const outdirName = config.output ?? "cdktf.out";
const outdir = path.resolve(projectDir, outdirName);
const stacksFolder = path.join(outdir, "stacks");
const before = fs.existsSync(stacksFolder) ? fs.readdirSync(stacksFolder) : [];

const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TF_VAR_")));
const context = process.env.CDKTF_CONTEXT_JSON ? JSON.parse(process.env.CDKTF_CONTEXT_JSON) : {};
const relativeModules = (config.terraformModules ?? []).filter((module) => {
  const source = typeof module === "string" ? module : module.source;
  return source.startsWith("./") || source.startsWith("../");
});
const app = spawnSync(config.app, {
  shell: true,
  stdio: "inherit",
  cwd: projectDir,
  env: {
    ...env,
    CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? "1",
    CDKTF_OUTDIR: outdirName,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...context, cdktfRelativeModules: relativeModules }),
    SYNTH_HCL_OUTPUT: "false",
  },
});
if (app.status !== 0) {
  process.stderr.write(`synth: the app (${config.app}) failed${app.signal ? ` (${app.signal})` : ""}; its output is above.\n`);
  process.exit(app.status ?? 1);
}

const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
let failed = false;
for (const stack of Object.values(manifest.stacks)) {
  for (const annotation of stack.annotations ?? []) {
    const level = { "@cdktf/info": "INFO", "@cdktf/warn": "WARN", "@cdktf/error": "ERROR" }[annotation.level] ?? annotation.level;
    console.log(`${level} [${annotation.constructPath}]: ${annotation.message}`);
    failed ||= annotation.level === "@cdktf/error";
  }
}
if (failed) {
  process.exit(1);
}
for (const name of before.filter((folder) => !(folder in manifest.stacks))) {
  fs.rmSync(path.join(stacksFolder, name), { recursive: true });
}

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
  const s3 = tf.terraform?.backend?.s3;
  if (s3) {
    return `in S3, s3://${s3.bucket}/${s3.key} (${s3.region})`;
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
