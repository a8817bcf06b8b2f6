// The S3 backend (stacks/app/backend.ts) as Terraform's own S3 backend uses
// it, against a real S3 API on this machine (s3rver, started here): the
// module's state in a bucket, the stack pointed at it by the variables
// check:dropin prints, and a state moved into S3 by `terraform init
// -migrate-state`, the backend switch the README's move into a Terraform
// Cloud workspace makes too.
import * as fs from "fs";
import * as path from "path";
import { ChildProcess, spawn } from "child_process";
import { DropinCheck, FIXTURE_MODULE } from "../../../dropin/check/check";
import { moduleBackend } from "../../../dropin/check/module-read";
import { synthesizeProject } from "../../../dropin/check/project";
import { stateAdvice } from "../../../dropin/check/state-advice";
import { MOVED } from "../../support/dropin";
import { tempDir } from "../../support/stack";
import { describeWithTerraform } from "../../support/terraform";

jest.setTimeout(120_000);

const BUCKET = "team-state";
const MODULE_BACKEND = `terraform {\n  backend "s3" {\n    bucket = "${BUCKET}"\n    key    = "batch/terraform.tfstate"\n    region = "eu-west-1"\n  }\n}\n`;

describeWithTerraform("an S3 backend, against a local S3 API", () => {
  let server: ChildProcess | undefined;
  let objects: string;
  let settingsFile: string;
  let check: DropinCheck;
  let moduleState: string;

  beforeAll(async () => {
    objects = tempDir("s3rver-");
    server = spawn(process.execPath, [path.join(__dirname, "..", "..", "support", "s3-server.js"), objects, BUCKET], { stdio: ["pipe", "pipe", "inherit"] });
    const port = await new Promise<string>((resolve, reject) => {
      server!.stdout!.once("data", (data: Buffer) => resolve(data.toString().trim()));
      server!.once("exit", (code) => reject(new Error(`the S3 server ended (exit ${code})`)));
    });
    // What a team's S3 has and this machine lacks (an endpoint, credentials), as Terraform's partial configuration.
    settingsFile = path.join(tempDir("s3-settings-"), "s3rver.s3.tfbackend");
    fs.writeFileSync(
      settingsFile,
      [
        `endpoints = { s3 = "http://127.0.0.1:${port}" }`,
        "use_path_style = true",
        "skip_credentials_validation = true",
        "skip_requesting_account_id = true",
        "skip_metadata_api_check = true",
        "skip_region_validation = true",
        "skip_s3_checksum = true",
        'access_key = "S3RVER"',
        'secret_key = "S3RVER"',
        "",
      ].join("\n"),
    );
    check = DropinCheck.prepare(FIXTURE_MODULE);
    moduleState = check.applyModule({ modulePath: FIXTURE_MODULE });
  });
  afterAll(() => {
    check?.remove();
    server?.stdin?.end();
  });

  /** The state object at `key`, as S3 holds it. */
  function stored(key: string): { serial: number; lineage: string; resources: { type: string; name: string }[] } {
    return JSON.parse(fs.readFileSync(path.join(objects, BUCKET, `${key}._S3rver_object`), "utf8"));
  }

  /** The BATCH_STATE_* assignments of check:dropin's state line, as a user copies them. */
  function advisedEnv(advice: string): NodeJS.ProcessEnv {
    return Object.fromEntries([...advice.matchAll(/\b(BATCH_STATE_[A-Z_]+)=(\S+)/g)].map((match) => [match[1], match[2]]));
  }

  test("the module's state in S3, the stack pointed at it by check:dropin's line: no change, the two moves", () => {
    // The module's state pushed into its S3 backend, as its own `terraform init` and apply would have left it.
    const module = path.join(check.workFolder("s3-module"), "module");
    fs.mkdirSync(module, { recursive: true });
    fs.writeFileSync(path.join(module, "backend.tf"), MODULE_BACKEND);
    check.init(module, [`-backend-config=${settingsFile}`]);
    check.terraform.mustRun(module, ["state", "push", moduleState]);
    expect(stored("batch/terraform.tfstate").resources.length).toBe(JSON.parse(fs.readFileSync(moduleState, "utf8")).resources.length);

    const advice = stateAdvice(moduleBackend(module));
    expect(advice).toBe(
      "State: your module keeps it in S3 (backend.tf:2): synthesize with BATCH_STATE_BUCKET=team-state " +
        "BATCH_STATE_KEY=batch/terraform.tfstate BATCH_STATE_REGION=eu-west-1 npm run synth, and the stack plans on that same state.",
    );
    const stackDir = check.synthesize({ modulePath: FIXTURE_MODULE }, { backendEnv: advisedEnv(advice) });
    expect(JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).terraform.backend).toEqual({
      s3: { bucket: BUCKET, key: "batch/terraform.tfstate", region: "eu-west-1" },
    });
    check.init(stackDir, [`-backend-config=${settingsFile}`]);
    const plan = check.plan(stackDir);
    expect(plan.changes).toEqual([]);
    expect(plan.moved.map((move) => [move.previousAddress, move.address])).toEqual(MOVED);
  });

  test("a local state moved into S3 by terraform init -migrate-state: the same resources, and no change", () => {
    const before = JSON.parse(fs.readFileSync(moduleState, "utf8"));
    const local = check.synthesize({ modulePath: FIXTURE_MODULE }, moduleState);
    check.init(local, []);
    // The same folder, synthesized again with the new backend: Terraform sees the switch and moves the state.
    const project = path.resolve(local, "..", "..", "..");
    const env = { BATCH_STATE_BUCKET: BUCKET, BATCH_STATE_KEY: "migrated/terraform.tfstate", BATCH_STATE_REGION: "eu-west-1" };
    synthesizeProject(project, env);
    const migrated = check.init(local, ["-migrate-state", "-force-copy", `-backend-config=${settingsFile}`]);
    expect(migrated.output).toMatch(/backend type changed from "local" to "s3"[\s\S]*Successfully configured the backend "s3"/);
    // Terraform writes the copy as the new backend's first version (its own serial and lineage): the resources are what must not change.
    expect(stored("migrated/terraform.tfstate").resources).toEqual(before.resources);
    expect(check.plan(local).changes).toEqual([]);
  });
});
