// The stand-in's model of what AWS Batch holds between Terraform runs: each
// refusal AWS makes, and the same request accepted where AWS accepts it.
// End to end (Terraform applying a replacement that fails, the swap's phases):
// __tests__/stacks/features/updatable-compute-environment.test.ts.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BatchAccount } from "../../../../dropin/standin/rules/account";

const CE = "aws_batch_compute_environment";
const QUEUE = "aws_batch_job_queue";
const arn = (name: string) => `arn:aws:batch:eu-central-1:123456789012:compute-environment/${name}`;
const environment = (name: string, state = "ENABLED") => ({ name, arn: arn(name), state });
const queue = (...environments: string[]) => ({
  name: "queue-dev-app-batch",
  arn: "arn:aws:batch:eu-central-1:123456789012:job-queue/queue-dev-app-batch",
  compute_environment_order: environments.map((name, order) => ({ order, compute_environment: arn(name) })),
});

let folder: string;
beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "standin-account-"));
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

/** A Terraform run on the state whose account is `account.json` (a new process each time, as when Terraform starts the plugin). */
function run(account = "account.json"): BatchAccount {
  const control = path.join(folder, "control");
  fs.writeFileSync(control, path.join(folder, account));
  const model = new BatchAccount(control);
  model.beginSession();
  return model;
}

/** The account after `blue` and `green` were created and a queue listing `listed` was read. */
function seeded(...listed: string[]): BatchAccount {
  const model = run();
  model.applied(CE, null, environment("blue"));
  model.applied(CE, null, environment("green"));
  model.refreshed(QUEUE, queue(...listed));
  return run();
}

describe("deleting a compute environment", () => {
  test("a queue lists it: refused with AWS's words, and it is left DISABLED, as the provider disabled it first", () => {
    const model = seeded("blue");
    expect(model.refusal(CE, environment("blue"), null)?.message).toMatch(
      /^deleting Batch Compute Environment \(blue\): operation error Batch: DeleteComputeEnvironment, https response error StatusCode: 400, RequestID: [0-9a-f-]{36}, ClientException: Cannot delete, found existing JobQueue relationship/,
    );
    expect(run().refreshed(CE, environment("blue")).state).toBe("DISABLED");
  });

  test("no queue lists it: accepted", () => {
    expect(seeded("green").refusal(CE, environment("blue"), null)).toBeUndefined();
  });

  test("taken out of the queue in the same run: refused (AWS may still see the relationship, provider issue #46925)", () => {
    const model = seeded("blue", "green");
    model.applied(QUEUE, queue("blue", "green"), queue("green"));
    expect(model.refusal(CE, environment("blue"), null)?.message).toContain("Cannot delete, found existing JobQueue relationship");
  });

  test("taken out of the queue in an earlier run: accepted", () => {
    const model = seeded("blue", "green");
    model.applied(QUEUE, queue("blue", "green"), queue("green"));
    expect(run().refusal(CE, environment("blue"), null)).toBeUndefined();
  });

  test("the queue deleted first, as `terraform destroy` does: accepted", () => {
    const model = seeded("blue");
    model.applied(QUEUE, queue("blue"), null);
    expect(model.refusal(CE, environment("blue"), null)).toBeUndefined();
  });
});

describe("creating under a name", () => {
  test("a compute environment whose name exists: refused with Object already exists", () => {
    expect(seeded("blue").refusal(CE, null, environment("blue"))?.message).toMatch(
      /^creating Batch Compute Environment \(blue\): operation error Batch: CreateComputeEnvironment, .*ClientException: Object already exists/,
    );
  });

  test("a compute environment under a new name, or under the name of one deleted: accepted", () => {
    const model = seeded("green");
    expect(model.refusal(CE, null, environment("orange"))).toBeUndefined();
    model.applied(CE, environment("blue"), null);
    expect(model.refusal(CE, null, environment("blue"))).toBeUndefined();
  });

  test("a job queue whose name exists: refused, the provider's summary and AWS's error", () => {
    const refusal = seeded("blue").refusal(QUEUE, null, queue("blue"));
    expect(refusal?.summary).toBe("creating Batch Job Queue (queue-dev-app-batch)");
    expect(refusal?.detail).toMatch(/^operation error Batch: CreateJobQueue, .*ClientException: Object already exists$/);
  });
});

describe("the account", () => {
  test("is per state: another state's account holds none of these objects", () => {
    seeded("blue");
    expect(run("other.json").refusal(CE, environment("blue"), null)).toBeUndefined();
  });

  test("none named (no control file): nothing is refused", () => {
    const model = new BatchAccount(path.join(folder, "no-such-control"));
    model.beginSession();
    model.refreshed(QUEUE, queue("blue"));
    expect(model.refusal(CE, environment("blue"), null)).toBeUndefined();
  });

  test("an environment re-enabled by an apply reads back ENABLED", () => {
    const model = seeded("blue");
    model.refusal(CE, environment("blue"), null);
    run().applied(CE, environment("blue", "DISABLED"), environment("blue"));
    expect(run().refreshed(CE, environment("blue")).state).toBe("ENABLED");
  });
});
