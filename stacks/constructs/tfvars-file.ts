import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
// cdktf exports no public hook for writing a file beside cdk.tf.json; this is
// the one its own TerraformAsset uses.
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { ConfigError } from "../app/errors";

export interface TfvarsFileProps {
  /** The folder `file` is relative to (the project root). */
  readonly projectDir: string;
  /**
   * The variable file to copy. A file named here must exist; without a name,
   * a missing terraform.tfvars (and terraform.tfvars.json) is fine: the
   * values then come from elsewhere (a Terraform Cloud workspace, -var flags).
   * @default - terraform.tfvars and terraform.tfvars.json, those that exist
   */
  readonly file?: string;
}

export const DEFAULT_TFVARS_FILE = "terraform.tfvars";

/** The names Terraform loads with no flags, in its order (a JSON file after the HCL one); each keeps its kind. */
export const LOADED_NAMES = { hcl: "terraform.tfvars", json: "terraform.tfvars.json" } as const;

/**
 * Copies the variable files into the stack folder as `terraform.tfvars` and
 * `terraform.tfvars.json`, the names Terraform loads with no flags, so
 * `terraform plan` run there (or in a Terraform Cloud run of that folder)
 * uses the team's values. By default both of the project root are copied
 * when present, as Terraform would load both; a named file is copied alone.
 * Copies an earlier synth left are removed first: a stale file would plan
 * with old values.
 */
export class TfvarsFile extends Construct {
  /** The files copied, on the build machine, in the order Terraform loads them. @default - none: no tfvars file */
  public readonly sourcePaths: readonly string[];

  constructor(scope: Construct, id: string, props: TfvarsFileProps) {
    super(scope, id);
    const candidates = props.file !== undefined ? [props.file] : Object.values(LOADED_NAMES);
    this.sourcePaths = candidates.map((file) => path.resolve(props.projectDir, file)).filter((file) => fs.existsSync(file));
    if (props.file !== undefined && this.sourcePaths.length === 0) {
      throw new ConfigError(`TfvarsFile '${id}': ${props.file}`, "the file does not exist", "create it, or leave the option unset");
    }
    for (const file of this.sourcePaths) {
      if (!fs.statSync(file).isFile()) {
        throw new ConfigError(
          path.relative(props.projectDir, file).split(path.sep).join("/"),
          "it is a folder, and Terraform reads variables from a file of that name",
          "remove or rename the folder, and write the variables in a file",
        );
      }
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
        for (const file of this.sourcePaths) {
          fs.copyFileSync(file, path.join(stackDir, file.endsWith(".json") ? LOADED_NAMES.json : LOADED_NAMES.hcl));
        }
      },
    });
  }
}
