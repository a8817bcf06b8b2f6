// What check:dropin reads of a team's module before planning
// (dropin/check/module-read.ts), here its backend, and the line the check
// prints from it (stateAdvice, dropin/check/report.ts): the variables that
// point the stack at the same state.
import * as fs from "fs";
import * as path from "path";
import { moduleBackend } from "../../../dropin/check/module-read";
import { stateAdvice } from "../../../dropin/check/state-advice";
import { tempDir } from "../../support/stack";

/** A module folder with these .tf files. */
function moduleWith(files: { [name: string]: string }): string {
  const dir = tempDir("module-backend-");
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("the module's backend, and what check:dropin says to set", () => {
  test("no backend block: the module's local terraform.tfstate, through BATCH_STATE_PATH", () => {
    const module = moduleWith({ "main.tf": 'resource "aws_sqs_queue" "q" {}\n' });
    expect(moduleBackend(module)).toBeUndefined();
    expect(stateAdvice(moduleBackend(module))).toMatch(/^State: your module keeps it in a local file \(terraform\.tfstate in the module folder\): synthesize with BATCH_STATE_PATH=/);
  });

  test("an S3 block, with the settings the stack needs and a comment between them", () => {
    const module = moduleWith({
      "versions.tf": 'terraform {\n  required_version = ">= 1.5"\n  backend "s3" {\n    bucket = "acme-state" # shared\n    key = "batch/prod.tfstate"\n    region = "eu-west-3"\n    use_lockfile = true\n    encrypt = true\n  }\n}\n',
    });
    expect(moduleBackend(module)).toEqual({
      type: "s3",
      settings: { bucket: "acme-state", key: "batch/prod.tfstate", region: "eu-west-3", use_lockfile: "true", encrypt: "true" },
      file: "versions.tf",
      line: 3,
    });
    expect(stateAdvice(moduleBackend(module))).toBe(
      "State: your module keeps it in S3 (versions.tf:3): synthesize with BATCH_STATE_BUCKET=acme-state BATCH_STATE_KEY=batch/prod.tfstate " +
        "BATCH_STATE_REGION=eu-west-3 BATCH_STATE_USE_LOCKFILE=true BATCH_STATE_ENCRYPT=true npm run synth, and the stack plans on that same state.",
    );
  });

  test("a partial S3 block (the key given at init): named, to be set to the same value", () => {
    const module = moduleWith({ "backend.tf": 'terraform {\n  backend "s3" {\n    bucket = "acme-state"\n    region = "eu-west-3"\n  }\n}\n' });
    expect(stateAdvice(moduleBackend(module))).toMatch(
      /BATCH_STATE_BUCKET=acme-state BATCH_STATE_REGION=eu-west-3 BATCH_STATE_KEY=<its key> npm run synth \(BATCH_STATE_KEY: not in the block, so given at init with -backend-config; set the same value\)/,
    );
  });

  test("a cloud block, and the older remote backend: Terraform Cloud's variables", () => {
    const cloud = moduleWith({ "main.tf": 'terraform {\n  cloud {\n    organization = "acme"\n    workspaces {\n      name = "batch-prod"\n    }\n  }\n}\n' });
    expect(stateAdvice(moduleBackend(cloud))).toMatch(/in Terraform Cloud \(main\.tf:2\): synthesize with TF_CLOUD_ORGANIZATION=acme TF_WORKSPACE=batch-prod npm run synth/);
    const remote = moduleWith({
      "main.tf": 'terraform {\n  backend "remote" {\n    hostname = "tfe.acme.io"\n    organization = "acme"\n    workspaces {\n      prefix = "batch-"\n    }\n  }\n}\n',
    });
    expect(stateAdvice(moduleBackend(remote))).toMatch(/TF_CLOUD_ORGANIZATION=acme TF_CLOUD_HOSTNAME=tfe\.acme\.io TF_WORKSPACE=<the workspace's full name> npm run synth/);
  });

  test("a backend this project does not emit: pulled into a local file, then moved", () => {
    const module = moduleWith({ "main.tf": 'terraform {\n  backend "gcs" {\n    bucket = "acme"\n  }\n}\n' });
    expect(stateAdvice(moduleBackend(module))).toMatch(/a "gcs" backend \(main\.tf:2\), which this project does not emit .*terraform state pull > current\.tfstate.*BATCH_STATE_PATH=current\.tfstate/);
  });
});
