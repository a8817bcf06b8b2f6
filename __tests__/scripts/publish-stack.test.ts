// scripts/publish-stack.sh, run as examples/ci/github-actions-publish-deploy-branch.yml
// runs it: in a git copy of this project whose `origin` is a local bare
// repository, the workflow's commands publish cdktf.out/stacks/ to `deploy`.
import { SpawnSyncReturns, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR, cloneProject, listFiles, synthesizeProject } from "../../dropin/check/project";
import { pathWithoutTerraform, tempDir } from "../support/stack";

jest.setTimeout(60_000);

const WORKFLOW = path.join(PROJECT_DIR, "examples", "ci", "github-actions-publish-deploy-branch.yml");
const SCRIPT = path.join(PROJECT_DIR, "scripts", "publish-stack.sh");

/** The workflow's commands, as the test runs them. */
const SYNTH = "npm run synth";
const PUBLISH = "scripts/publish-stack.sh deploy";
/** The synth step's environment, with the repository variables' values. */
const CLOUD_ENV = { TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE: "batch-prod", CHECKPOINT_DISABLE: "1" };

interface WorkflowStep {
  readonly text: string;
  readonly run?: string;
  readonly env: { [name: string]: string };
}

/** The steps of the workflow's one job: a tiny reader for this file's layout, not YAML in general. */
function workflowSteps(yaml: string): WorkflowStep[] {
  const steps = yaml.split(/^\s*steps:\s*$/m)[1] ?? "";
  return steps
    .split(/^(?=\s+- )/m)
    .filter((text) => /^\s+- /.test(text))
    .map((text) => {
      const env: { [name: string]: string } = {};
      const envBlock = /^( +)env:[ ]*\n((?:\1 +.*\n?)*)/m.exec(text);
      for (const match of (envBlock?.[2] ?? "").matchAll(/^ +([A-Za-z_][A-Za-z0-9_]*):[ ]*(.*?)[ ]*$/gm)) {
        env[match[1]] = match[2];
      }
      return { text, run: /^ +(?:- )?run:[ ]*(.+?)[ ]*$/m.exec(text)?.[1], env };
    });
}

describe("the example workflow", () => {
  const yaml = fs.readFileSync(WORKFLOW, "utf8");
  const steps = workflowSteps(yaml);

  test("runs on pushes to main: checkout, Node 20, then only npm ci, the synth and the script", () => {
    expect(yaml).toMatch(/^on:\s*\n\s+push:\s*\n\s+branches: \[main\]\s*$/m);
    expect(steps[0].text).toMatch(/uses: actions\/checkout@/);
    expect(steps[1].text).toMatch(/uses: actions\/setup-node@[\s\S]*node-version: 20\b/);
    expect(steps.filter((step) => step.run).map((step) => step.run)).toEqual(["npm ci", SYNTH, PUBLISH]);
  });

  test("synthesizes with the Terraform Cloud variables from the repository's variables", () => {
    const synth = steps.find((step) => step.run === SYNTH);
    expect(synth?.env).toEqual({
      TF_CLOUD_ORGANIZATION: "${{ vars.TF_CLOUD_ORGANIZATION }}",
      TF_WORKSPACE: "${{ vars.TF_WORKSPACE }}",
      CHECKPOINT_DISABLE: '"1"',
    });
    expect(Object.keys(synth?.env ?? {}).sort()).toEqual(Object.keys(CLOUD_ENV).sort());
  });

  test("its comments say how to set up the Terraform Cloud workspace", () => {
    expect(yaml).toMatch(/^#.*VCS branch: `deploy`/m);
    expect(yaml).toMatch(/^#.*working directory: `cdktf\.out\/stacks\/batch`/m);
  });

  test("the script is executable, as the workflow runs it directly", () => {
    expect(() => fs.accessSync(SCRIPT, fs.constants.X_OK)).not.toThrow();
  });
});

describe("scripts/publish-stack.sh, as the workflow runs it", () => {
  let root: string;
  let project: string;
  let remote: string;
  let env: NodeJS.ProcessEnv;
  /** The workflow commands run, in order. */
  const ran: string[] = [];

  interface Run {
    readonly status: number;
    readonly stdout: string;
    readonly stderr: string;
  }
  const asRun = (result: SpawnSyncReturns<string>): Run => ({ status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr });

  /** One of the workflow's `run:` commands, in the project, as a step runs it. */
  function step(command: string, extra: NodeJS.ProcessEnv = {}): Run {
    ran.push(command);
    return asRun(spawnSync("/bin/bash", ["-e", "-c", command], { cwd: project, encoding: "utf8", env: { ...env, ...extra } }));
  }

  /** git in `dir`; throws on failure. */
  function git(dir: string, ...args: string[]): string {
    const result = spawnSync("git", args, { cwd: dir, encoding: "utf8", env });
    if (result.status !== 0) {
      throw new Error(`git ${args.join(" ")} failed in ${dir}:\n${result.stderr}`);
    }
    return result.stdout.trim();
  }
  const bare = (...args: string[]): string => git(remote, ...args);
  const deployTip = (): string | undefined =>
    spawnSync("git", ["rev-parse", "--verify", "-q", "refs/heads/deploy"], { cwd: remote, encoding: "utf8", env }).stdout.trim() || undefined;
  const commitSource = (message: string): string => {
    git(project, "add", "-A");
    git(project, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    return git(project, "rev-parse", "HEAD");
  };

  /** What the script must leave as it was: status, index (entries and bytes), refs. */
  function cloneState(): { status: string; entries: string; index: string; refs: string } {
    // --no-optional-locks: this check itself must not refresh the index.
    const status = git(project, "--no-optional-locks", "status", "--porcelain");
    return {
      status,
      entries: git(project, "ls-files", "--stage"),
      index: createHash("sha256").update(fs.readFileSync(path.join(project, ".git", "index"))).digest("hex"),
      refs: git(project, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags"),
    };
  }

  /** Runs the publish step, asserting it leaves the clone's working tree, index and branches alone. */
  function publish(): Run {
    const before = cloneState();
    expect(before.status).toBe("");
    const result = step(PUBLISH);
    expect(cloneState()).toEqual(before);
    return result;
  }

  beforeAll(() => {
    root = tempDir("batch-publish-");
    const home = path.join(root, "home");
    fs.mkdirSync(home);
    // No user or system git configuration (identity, signing, hooks), no update checks.
    env = {
      // The workflow installs no Terraform: synthesis needs none.
      PATH: pathWithoutTerraform(),
      HOME: home,
      TMPDIR: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: "1",
      CHECKPOINT_DISABLE: "1",
      TF_CLI_CONFIG_FILE: "",
      NPM_CONFIG_UPDATE_NOTIFIER: "false",
    };
    remote = path.join(root, "remote.git");
    git(root, "init", "-q", "--bare", remote);
    project = cloneProject({ ".gitignore": fs.readFileSync(path.join(PROJECT_DIR, ".gitignore"), "utf8") }, path.join(root, "project"));
    git(project, "init", "-q", "-b", "main");
    // The clone's node_modules is a symlink, which .gitignore's `node_modules/` does not match.
    fs.appendFileSync(path.join(project, ".git", "info", "exclude"), "/node_modules\n");
    commitSource("The project");
    git(project, "remote", "add", "origin", remote);
  });

  test("before any synth: refused, asking for npm run synth", () => {
    const result = publish();
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^publish-stack: no synthesized stack in cdktf\.out\/stacks\/: run npm run synth first/);
    expect(deployTip()).toBeUndefined();
  });

  test("a synth without TF_CLOUD_ORGANIZATION (local backend): refused in one line", () => {
    synthesizeProject(project, { TF_CLI_CONFIG_FILE: "" });
    const result = publish();
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^publish-stack: cdktf\.out\/stacks\/batch\/cdk\.tf\.json has no terraform\.cloud block \(backend "local"\): it was synthesized without TF_CLOUD_ORGANIZATION, .*synthesize again with TF_CLOUD_ORGANIZATION and TF_WORKSPACE set/,
      ),
    ]);
    expect(deployTip()).toBeUndefined();
  });

  let source: string;
  let first: string;
  test("synth with TF_CLOUD_ORGANIZATION and TF_WORKSPACE, then publish: deploy holds the stack folder", () => {
    source = git(project, "rev-parse", "HEAD");
    const synth = step(SYNTH, CLOUD_ENV);
    expect(synth.status).toBe(0);
    const result = publish();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/deploy does not exist on origin yet/);
    expect(result.stdout).toMatch(/stack batch: Terraform Cloud organization acme, workspace batch-prod/);
    expect(result.stdout).toMatch(/^publish-stack: pushed [0-9a-f]{40} to deploy on origin$/m);

    first = deployTip() as string;
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    // Exactly the stack folders, byte for byte, plus the branch's README.
    const outdir = path.join(project, "cdktf.out");
    const synthesized = listFiles(path.join(outdir, "stacks")).map((file) => path.relative(project, file).split(path.sep).join("/"));
    const published = bare("ls-tree", "-r", "--name-only", "deploy").split("\n");
    expect(published).toEqual([...synthesized, "README.md"].sort());
    expect(published).toEqual([
      "README.md",
      "cdktf.out/stacks/batch/.terraformignore",
      expect.stringMatching(/^cdktf\.out\/stacks\/batch\/assets\/[^/]+\/[0-9A-F]+\/functionaltest\.json$/),
      "cdktf.out/stacks/batch/cdk.tf.json",
      "cdktf.out/stacks/batch/terraform.tfvars",
    ]);
    for (const file of synthesized) {
      expect(spawnSync("git", ["cat-file", "blob", `deploy:${file}`], { cwd: remote, env }).stdout.equals(fs.readFileSync(path.join(project, file)))).toBe(true);
    }
    const tf = JSON.parse(bare("cat-file", "blob", "deploy:cdktf.out/stacks/batch/cdk.tf.json"));
    expect(tf.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "batch-prod" } });
    expect(tf.terraform.backend).toBeUndefined();

    // A new branch: no parent; the message names the source commit.
    expect(bare("log", "-1", "--format=%P", "deploy")).toBe("");
    expect(bare("log", "-1", "--format=%B", "deploy")).toContain(source);
    expect(bare("log", "-1", "--format=%s", "deploy")).toBe(`Publish cdktf.out/stacks/ from ${source}`);
    // The source branch is not pushed, and no local deploy branch appears.
    expect(bare("for-each-ref", "--format=%(refname)")).toBe("refs/heads/deploy");
  });

  test("run again with no change: no new commit", () => {
    const result = publish();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/nothing changed: deploy on origin already holds these stacks .*no new commit/);
    expect(deployTip()).toBe(first);
  });

  test("after terraform ran in the stack folder (a plan through the stand-in): its lock file, .terraform/, states and plans are not published", () => {
    const stackDir = path.join(project, "cdktf.out", "stacks", "batch");
    // What `terraform init` and `plan -out` leave; the lock file's checksums are the stand-in's.
    fs.mkdirSync(path.join(stackDir, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(stackDir, ".terraform", "terraform.tfstate"), "{}");
    fs.writeFileSync(path.join(stackDir, ".terraform.lock.hcl"), 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "6.25.0"\n  hashes = ["h1:standin"]\n}\n');
    fs.writeFileSync(path.join(stackDir, "current.tfstate"), "{}");
    fs.writeFileSync(path.join(stackDir, "current.tfstate.backup"), "{}");
    fs.writeFileSync(path.join(stackDir, "dropin.tfplan"), "plan");
    // And files left there by hand, which Terraform Cloud's plan would read or show.
    fs.writeFileSync(path.join(stackDir, "override.tf"), "");
    fs.writeFileSync(path.join(stackDir, "crash.log"), "");
    const result = publish();
    expect(result.status).toBe(0);
    for (const skipped of [".terraform", ".terraform.lock.hcl", "current.tfstate", "current.tfstate.backup", "dropin.tfplan", "override.tf", "crash.log"]) {
      expect(result.stdout).toContain(`skipping cdktf.out/stacks/batch/${skipped} (not written by the synthesis)`);
    }
    expect(result.stdout).toMatch(/nothing changed: deploy on origin already holds these stacks/);
    expect(bare("ls-tree", "-r", "--name-only", "deploy")).not.toMatch(/lock\.hcl|tfstate|tfplan|\.terraform\/|override|crash/);
  });

  test("a new source commit: a new commit on top of the branch's tip, naming it", () => {
    fs.appendFileSync(path.join(project, "terraform.tfvars"), "# reviewed\n");
    const next = commitSource("Review the variables");
    expect(step(SYNTH, CLOUD_ENV).status).toBe(0);
    const result = publish();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`fetched deploy from origin: tip ${first}`));
    expect(bare("log", "-1", "--format=%P", "deploy")).toBe(first);
    expect(bare("log", "-1", "--format=%s", "deploy")).toBe(`Publish cdktf.out/stacks/ from ${next}`);
    expect(bare("cat-file", "blob", "deploy:cdktf.out/stacks/batch/terraform.tfvars")).toMatch(/# reviewed$/);
  });

  test("the workflow's run steps are exactly the commands this test ran (npm ci aside)", () => {
    const runs = workflowSteps(fs.readFileSync(WORKFLOW, "utf8")).flatMap((workflowStep) => (workflowStep.run ? [workflowStep.run] : []));
    expect(runs[0]).toBe("npm ci");
    expect(new Set(ran)).toEqual(new Set(runs.slice(1)));
  });
});
