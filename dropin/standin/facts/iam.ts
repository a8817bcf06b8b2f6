// How hashicorp/aws 6.x plans the IAM types of this stack, as data; each
// row's `source` names the file, the functions and the version read. IAM is
// global: no per-resource `region`. Every type is an SDKv2 resource; value
// normalizations and DiffSuppressFuncs use the names of NORMALIZERS
// (./resource-facts), JSON documents (policies, by awspolicyequivalence) go
// in `equivalent`. A provider bump is an edit of these rows.
import { ResourceFacts } from "./resource-facts";

export const IAM_RESOURCE_FACTS: { readonly [type: string]: ResourceFacts } = {
  aws_iam_role: {
    sdk: "sdkv2",
    schemaVersion: 0,
    forceNew: ["name", "name_prefix", "path"],
    // `inline_policy` and `managed_policy_arns` still exist in v6, Optional +
    // Computed and Deprecated. inline_policy has a block-level
    // DiffSuppressFunc, `!inlinePoliciesActualDiff(d)` (facts.ts "inline-policies").
    normalize: { inline_policy: "inline-policies" },
    equivalent: {
      // DiffSuppressFunc verify.SuppressEquivalentPolicyDiffs (DiffSuppressOnRefresh) plus StateFunc structure.NormalizeJsonString.
      assume_role_policy: "policy",
      // SuppressEquivalentPolicyDiffs plus StateFunc verify.LegacyPolicyNormalize, inside the block-level suppression above.
      "inline_policy.*.policy": "policy",
    },
    defaults: { force_detach_policies: false, max_session_duration: 3600, path: "/" },
    // inline_policy (a set block) and managed_policy_arns are Optional + Computed; the read sets both from IAM.
    keptWhenAbsent: ["inline_policy"],
    assignedByAws: { name_prefix: "" },
    source:
      "internal/service/iam/role.go (v6: @IdentityAttribute(\"name\"), @V60SDKv2Fix, \"Copyright IBM Corp. 2014, 2026\"" +
      "): resourceRole (schema), resourceRoleUpdate, inlinePoliciesActualDiff",
  },

  aws_iam_policy: {
    sdk: "sdkv2",
    schemaVersion: 0,
    // `description` is ForceNew too. A policy document change is in place
    // (resourcePolicyUpdate: policyPruneVersions, then CreatePolicyVersion
    // SetAsDefault; the ARN is kept).
    forceNew: ["description", "name", "name_prefix", "path"],
    normalize: {},
    // SuppressEquivalentPolicyDiffs (DiffSuppressOnRefresh) plus StateFunc structure.NormalizeJsonString.
    equivalent: { policy: "policy" },
    defaults: { path: "/" },
    assignedByAws: { name_prefix: "", attachment_count: 0 },
    source:
      "internal/service/iam/policy.go (v6: @ArnIdentity, @Testing(preIdentityVersion=\"v6.4.0\");): resourcePolicy (schema), resourcePolicyUpdate, policyPruneVersions",
  },

  aws_iam_role_policy: {
    sdk: "sdkv2",
    schemaVersion: 0,
    forceNew: ["name", "name_prefix", "role"],
    normalize: {},
    // SuppressEquivalentPolicyDiffs (DiffSuppressOnRefresh) plus StateFunc verify.LegacyPolicyNormalize. Update = PutRolePolicy, in place.
    equivalent: { policy: "policy" },
    assignedByAws: { name_prefix: "" },
    source:
      "internal/service/iam/role_policy.go (v6: @IdentityAttribute(\"role\"), @IdentityAttribute(\"name\"), " +
      "@Testing(preIdentityVersion=\"6.0.0\")): resourceRolePolicy, resourceRolePolicyPut",
  },

  aws_iam_role_policy_attachment: {
    sdk: "sdkv2",
    schemaVersion: 0,
    // The only two arguments, both ForceNew. The resource has no Update function.
    forceNew: ["policy_arn", "role"],
    normalize: {},
    equivalent: {},
    source:
      "internal/service/iam/role_policy_attachment.go (v6: @IdentityAttribute(\"role\"), " +
      "@IdentityAttribute(\"policy_arn\"), @Testing(preIdentityVersion=\"6.0.0\"), @SDKListResource): " +
      "resourceRolePolicyAttachment",
  },

  aws_iam_instance_profile: {
    sdk: "sdkv2",
    schemaVersion: 0,
    // `role` is NOT ForceNew: resourceInstanceProfileUpdate removes the old
    // role and adds the new one, and the profile (its ARN) is kept.
    forceNew: ["name", "name_prefix", "path"],
    normalize: {},
    equivalent: {},
    defaults: { path: "/" },
    assignedByAws: { name_prefix: "" },
    source:
      "internal/service/iam/instance_profile.go at 013f1736b90439e5a19567a87d3e5cd11858c420 (v6: \"Copyright IBM Corp. 2014, 2026\", " +
      "waitInstanceProfileReady): resourceInstanceProfile, resourceInstanceProfileUpdate",
  },

  aws_iam_service_linked_role: {
    sdk: "sdkv2",
    schemaVersion: 0,
    // custom_suffix is ForceNew too, with a DiffSuppressFunc for
    // application-autoscaling roles. `description` updates in place (UpdateRole).
    forceNew: ["aws_service_name", "custom_suffix"],
    normalize: { custom_suffix: "autoscaling-suffix" },
    equivalent: {},
    // resourceServiceLinkedRoleRead: custom_suffix from the role name, "" when it has none.
    readBack: (state) => ({ ...state, custom_suffix: state.custom_suffix ?? "" }),
    source:
      "internal/service/iam/service_linked_role.go: resourceServiceLinkedRole, resourceServiceLinkedRoleUpdate. Read from a late-5.x copy " +
      "(aws-sdk-go-v2, names.Attr*, `meta interface{}`, late 5.x). The schema " +
      "is the same in 01c08000ddb14181b5bd19201d8fca311dc570e4 and in older copies. Not checked against a v6 copy.",
  },
};
