import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
// cdktf exports no public hook for writing a file beside cdk.tf.json; this is
// the one its own TerraformAsset uses.
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { ConfigError } from "../errors";

export interface TfvarsFileProps {
  /** The folder `file` is relative to (the project root). */
  readonly projectDir: string;
  /**
   * The variable file to copy. A file named here must exist; without a name,
   * a missing terraform.tfvars is fine: the values then come from elsewhere
   * (a Terraform Cloud workspace, -var flags).
   * @default "terraform.tfvars" when it exists
   */
  readonly file?: string;
}

export const DEFAULT_TFVARS_FILE = "terraform.tfvars";

/** The names Terraform loads with no flags; a JSON variable file keeps its kind. */
const LOADED_NAMES = { hcl: "terraform.tfvars", json: "terraform.tfvars.json" } as const;

/**
 * Copies a variable file into the stack folder as `terraform.tfvars` (or
 * `terraform.tfvars.json`), the names Terraform loads with no flags, so
 * `terraform plan` run there (or in a Terraform Cloud run of that folder)
 * uses the team's values. A copy left by an earlier synth is removed first:
 * a stale file would plan with old values.
 */
export class TfvarsFile extends Construct {
  /** The file copied, on the build machine. @default - none: no tfvars file */
  public readonly sourcePath?: string;

  constructor(scope: Construct, id: string, props: TfvarsFileProps) {
    super(scope, id);
    const sourcePath = path.resolve(props.projectDir, props.file ?? DEFAULT_TFVARS_FILE);
    if (fs.existsSync(sourcePath)) {
      this.sourcePath = sourcePath;
    } else if (props.file !== undefined) {
      throw new ConfigError(`TfvarsFile '${id}': ${props.file}`, "the file does not exist", "create it, or leave the option unset");
    }
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session) => {
        const stackManifest = session.manifest.forStack(stack);
        const stackDir = path.join(session.manifest.outdir, stackManifest.synthesizedStackPath, "..");
        fs.mkdirSync(stackDir, { recursive: true });
        for (const name of Object.values(LOADED_NAMES)) {
          fs.rmSync(path.join(stackDir, name), { force: true });
        }
        if (this.sourcePath) {
          const name = this.sourcePath.endsWith(".json") ? LOADED_NAMES.json : LOADED_NAMES.hcl;
          fs.copyFileSync(this.sourcePath, path.join(stackDir, name));
        }
      },
    });
  }
}
