// Names built from variables must fit the patterns and lengths the provider
// and AWS accept. A name written literally is checked at synth; one that
// holds variables gets a precondition, so the plan fails with the name and
// its length instead of the apply failing half-way.
import { Fn, Op, TerraformResource, Token } from "cdktf";
import { ConfigError } from "../app/errors";

/** The longest names AWS accepts (IAM CreateRole; Batch CreateComputeEnvironment, CreateJobQueue, RegisterJobDefinition). */
export const NAME_LIMITS = { iamRole: 64, batch: 128 } as const;

/** Requires `name` (the resource's name argument, as built) to be at most `max` characters. */
export function requireNameLength(resource: TerraformResource, name: string, max: number, kind: string): void {
  if (!Token.isUnresolved(name)) {
    if (name.length > max) {
      throw new ConfigError(`${kind} name "${name}"`, `it has ${name.length} characters, and AWS takes at most ${max}`, "choose a shorter name");
    }
    return;
  }
  const length = Fn.lengthOf(name);
  resource.lifecycle = {
    ...resource.lifecycle,
    precondition: [
      ...(resource.lifecycle?.precondition ?? []),
      {
        condition: Op.lte(length, max),
        errorMessage:
          `The ${kind} name "${name}" has ${Token.asString(length)} characters, and AWS takes at most ${max}. ` +
          `Shorten the variables it is built from (environment, application, batch_name or the template name).`,
      },
    ],
  };
}
