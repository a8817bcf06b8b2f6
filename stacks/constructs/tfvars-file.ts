import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
// cdktf exports no public hook for writing a file beside cdk.tf.json; this is
// the one its own TerraformAsset uses.
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";

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

/**
 * Copies a variable file into the stack folder as `terraform.tfvars`, the one
 * name Terraform loads with no flags, so `terraform plan` run there (or in a
 * Terraform Cloud run of that folder) uses the team's values.
 */
export class TfvarsFile extends Construct {
  constructor(scope: Construct, id: string, props: TfvarsFileProps) {
    super(scope, id);
    const sourcePath = path.resolve(props.projectDir, props.file ?? DEFAULT_TFVARS_FILE);
    if (!fs.existsSync(sourcePath)) {
      if (props.file === undefined) {
        return;
      }
      throw new Error(`TfvarsFile '${id}': ${props.file} does not exist; create it or leave the option unset.`);
    }
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session) => {
        const stackManifest = session.manifest.forStack(stack);
        const stackDir = path.join(session.manifest.outdir, stackManifest.synthesizedStackPath, "..");
        fs.mkdirSync(stackDir, { recursive: true });
        fs.copyFileSync(sourcePath, path.join(stackDir, DEFAULT_TFVARS_FILE));
      },
    });
  }
}
