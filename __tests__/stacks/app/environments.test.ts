import { planStacks } from "../../../stacks/app/environments";
import { tempProject } from "../../support/stack";

describe("several environments", () => {
  test("no environments/ folder: the single batch stack", () => {
    expect(planStacks(tempProject())).toEqual([{ stackName: "batch" }]);
  });

  test("one batch-<env> stack per environments/<env>.tfvars, each carrying its file", () => {
    const dir = tempProject({ "environments/prod.tfvars": 'environment = "prod"\n', "environments/dev.tfvars": 'environment = "dev"\n' });
    expect(planStacks(dir)).toEqual([
      { stackName: "batch-dev", environment: "dev", tfvarsFile: "environments/dev.tfvars" },
      { stackName: "batch-prod", environment: "prod", tfvarsFile: "environments/prod.tfvars" },
    ]);
  });

  test("environments/<env>.tfvars.json is an environment too", () => {
    expect(planStacks(tempProject({ "environments/prod.tfvars.json": '{"environment": "prod"}' }))).toEqual([
      { stackName: "batch-prod", environment: "prod", tfvarsFile: "environments/prod.tfvars.json" },
    ]);
  });

  test.each([
    [{ "environments/prod.TFVARS": "" }, /^environments\/prod\.TFVARS: every file in environments\/ is one environment's variables, and this one is not a \.tfvars or \.tfvars\.json file\. Fix: name it/],
    [{ "environments/notes.txt": "" }, /^environments\/notes\.txt: every file in environments\//],
    [{ "environments/prod.tfvars": "", "environments/prod.tfvars.json": "{}" }, /^environments\/prod\.tfvars\.json: environments\/prod\.tfvars already gives environment "prod" its variables\. Fix: keep one of the two files$/],
    [{ "environments/Prod.tfvars": "" }, /^environments\/Prod\.tfvars: "Prod" cannot name a stack and its workspace\. Fix: rename the file with lowercase letters/],
  ])("every file of environments/ is a stack or a clear error: %j", (files, message) => {
    expect(() => planStacks(tempProject(files))).toThrow(message);
  });

  test("a file name that cannot name a stack is refused", () => {
    const dir = tempProject({ "environments/Prod EU.tfvars": "" });
    expect(() => planStacks(dir)).toThrow(/environments\/Prod EU\.tfvars: "Prod EU" cannot name a stack/);
  });
});
