import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
// cdktf exports no public hook for writing a file beside cdk.tf.json; this is
// the one its own TerraformAsset uses.
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";

export interface TfvarsFileProps {
  /** The variable file to copy, on the build machine. */
  readonly sourcePath: string;
}

/**
 * Copies a variable file into the stack folder as `terraform.tfvars`, the one
 * name Terraform loads with no flags, so `terraform plan` run there (or in a
 * Terraform Cloud run of that folder) uses the team's values.
 */
export class TfvarsFile extends Construct {
  constructor(scope: Construct, id: string, props: TfvarsFileProps) {
    super(scope, id);
    if (!fs.existsSync(props.sourcePath)) {
      throw new Error(`TfvarsFile '${id}': ${path.basename(props.sourcePath)} does not exist; create it or leave the option unset.`);
    }
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session) => {
        const stackManifest = session.manifest.forStack(stack);
        const stackDir = path.join(session.manifest.outdir, stackManifest.synthesizedStackPath, "..");
        fs.mkdirSync(stackDir, { recursive: true });
        fs.copyFileSync(props.sourcePath, path.join(stackDir, "terraform.tfvars"));
      },
    });
  }
}
