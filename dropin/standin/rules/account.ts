// What AWS Batch itself holds between Terraform runs, as far as it refuses
// what Terraform asks of it: the compute environments (name, ARN, state) and
// the job queues (name, ARN, the environments they list). Without it an
// offline apply would report success where the real one fails:
// - DeleteComputeEnvironment on an environment a queue still lists:
//   "Cannot delete, found existing JobQueue relationship" (provider issues
//   #2044, #13221). The provider's delete (compute_environment.go
//   resourceComputeEnvironmentDelete) disables the environment first, so
//   after the refusal it stays DISABLED, and the next read says so.
// - An environment taken out of a queue in the same apply: AWS Batch may still
//   see the relationship moments later (eventual consistency; provider issue
//   #46925: a create_before_destroy replacement fails so), so the stand-in
//   refuses that delete too, until a later Terraform run.
// - CreateComputeEnvironment or CreateJobQueue under a name in use: AWS Batch
//   refuses with "Object already exists" (what create_before_destroy with a
//   fixed name hits).
// The model lives in a file per state (its "account"), named by the control
// file the drop-in tooling writes before each Terraform run; it is filled by
// every read and apply, so a copied state seeds it at its first refresh.
import { createHash } from "crypto";
import * as fs from "fs";
import { Value } from "../protocol/cty";
import { ProviderRefusal } from "../facts/resource-facts";

interface AccountFile {
  /** Terraform runs so far (ConfigureProvider): a release counts until a later run. */
  session: number;
  computeEnvironments: { [name: string]: { arn: string; state: string } };
  jobQueues: { [name: string]: { arn: string; computeEnvironments: string[]; released: { arn: string; session: number }[] } };
}

const COMPUTE_ENVIRONMENT = "aws_batch_compute_environment";
const JOB_QUEUE = "aws_batch_job_queue";

export class BatchAccount {
  private file?: string;
  private data: AccountFile = BatchAccount.empty();

  /** @param controlFile names the account file of the coming Terraform run (empty: no account model). */
  constructor(private readonly controlFile?: string) {}

  private static empty(): AccountFile {
    return { session: 0, computeEnvironments: {}, jobQueues: {} };
  }

  /** A Terraform run configures the provider: the account of its state, and a new session. */
  beginSession(): void {
    const named = this.controlFile && fs.existsSync(this.controlFile) ? fs.readFileSync(this.controlFile, "utf8").trim() : "";
    this.file = named || undefined;
    this.data = this.file && fs.existsSync(this.file) ? JSON.parse(fs.readFileSync(this.file, "utf8")) : BatchAccount.empty();
    this.data.session += 1;
    this.save();
  }

  /** A refresh: what AWS reports for the object (a state it changed itself), recorded. */
  refreshed(type: string, state: Value): Value {
    if (!this.file || state === null) {
      return state;
    }
    if (type === COMPUTE_ENVIRONMENT) {
      const known = this.data.computeEnvironments[state.name];
      const actual = known && known.arn === state.arn && known.state !== state.state ? { ...state, state: known.state } : state;
      this.recordEnvironment(actual);
      return actual;
    }
    if (type === JOB_QUEUE && !this.data.jobQueues[state.name]) {
      this.data.jobQueues[state.name] = { arn: state.arn, computeEnvironments: listed(state), released: [] };
      this.save();
    }
    return state;
  }

  /** What AWS Batch refuses of this change, with the provider's words, or undefined. */
  refusal(type: string, prior: Value, planned: Value): ProviderRefusal | undefined {
    if (!this.file) {
      return undefined;
    }
    if (type === COMPUTE_ENVIRONMENT && planned !== null && prior === null && this.data.computeEnvironments[planned.name]) {
      return new ProviderRefusal(
        `creating Batch Compute Environment (${planned.name}): ${apiError("CreateComputeEnvironment", planned.name, "Object already exists")}`,
        "",
      );
    }
    if (type === JOB_QUEUE && planned !== null && prior === null && this.data.jobQueues[planned.name]) {
      // job_queue.go jobQueueResource.Create: AddError(summary, err.Error()).
      return new ProviderRefusal(`creating Batch Job Queue (${planned.name})`, apiError("CreateJobQueue", planned.name, "Object already exists"));
    }
    if (type === COMPUTE_ENVIRONMENT && planned === null && prior !== null) {
      const holding = Object.values(this.data.jobQueues).some(
        (queue) =>
          queue.computeEnvironments.includes(prior.arn) ||
          queue.released.some((release) => release.arn === prior.arn && release.session === this.data.session),
      );
      if (holding) {
        // The provider's delete has already disabled it when DeleteComputeEnvironment refuses.
        this.data.computeEnvironments[prior.name] = { arn: prior.arn, state: "DISABLED" };
        this.save();
        return new ProviderRefusal(
          `deleting Batch Compute Environment (${prior.name}): ${apiError("DeleteComputeEnvironment", prior.name, "Cannot delete, found existing JobQueue relationship")}`,
          "",
        );
      }
    }
    return undefined;
  }

  /** An apply that AWS accepted: the objects as they now are. */
  applied(type: string, prior: Value, state: Value): void {
    if (!this.file) {
      return;
    }
    if (type === COMPUTE_ENVIRONMENT) {
      if (state === null) {
        delete this.data.computeEnvironments[prior.name];
      } else {
        this.recordEnvironment(state);
      }
      this.save();
    }
    if (type === JOB_QUEUE) {
      if (state === null) {
        delete this.data.jobQueues[prior.name];
      } else {
        const before = prior === null ? [] : listed(prior);
        const after = listed(state);
        const kept = (this.data.jobQueues[state.name]?.released ?? []).filter((release) => release.session === this.data.session);
        const released = before.filter((arn) => !after.includes(arn)).map((arn) => ({ arn, session: this.data.session }));
        this.data.jobQueues[state.name] = { arn: state.arn, computeEnvironments: after, released: [...kept, ...released] };
      }
      this.save();
    }
  }

  private recordEnvironment(state: Value): void {
    this.data.computeEnvironments[state.name] = { arn: state.arn, state: state.state };
    this.save();
  }

  private save(): void {
    if (this.file) {
      fs.writeFileSync(this.file, JSON.stringify(this.data));
    }
  }
}

/** The environment ARNs a job queue's state lists. */
function listed(queue: Value): string[] {
  return (queue.compute_environment_order ?? []).map((entry: Value) => entry.compute_environment as string);
}

/** An AWS SDK for Go v2 API error, as the provider's messages carry it. */
function apiError(operation: string, name: string, message: string): string {
  const id = createHash("sha256").update(`${operation}|${name}`).digest("hex");
  const requestId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  return `operation error Batch: ${operation}, https response error StatusCode: 400, RequestID: ${requestId}, ClientException: ${message}`;
}
