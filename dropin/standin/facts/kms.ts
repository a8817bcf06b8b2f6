// How hashicorp/aws 6.x plans the KMS types of this stack, as data; each
// row's `source` names the file, the functions and the version read. A
// provider bump is an edit of these rows.
//
// aws_kms_key is an SDKv2 resource (`@SDKResource("aws_kms_key", name="Key")`):
// no `RequiresReplace` plan modifiers. It is regional, so it gets a top-level
// `region` (Optional + Computed): regionCustomizeDiff (./resource-facts).
// resourceKey declares no CustomizeDiff of its own; tags_all is the @Tags
// interceptor's (planned by the stand-in as tags). `policy` goes in
// `equivalent`. As in the other rows, the StateFunc
// NormalizeJsonStringSchemaStateFunc is not applied to the stored text: the
// stand-in keeps the configured text and compares as the DiffSuppressFunc
// does, which plans the same.
import { ResourceFacts, regionCustomizeDiff } from "./resource-facts";

/**
 * The key policy KMS attaches when CreateKey has no Policy (the "default key
 * policy" for keys created through the API: one statement letting the
 * account's IAM policies allow every KMS action), as findKeyInfo stores it
 * after structure.NormalizeJsonString (Go json.Marshal: compact, keys sorted).
 */
const DEFAULT_KEY_POLICY = JSON.stringify({
  Id: "key-default-1",
  Statement: [
    {
      Action: "kms:*",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::{account}:root" },
      Resource: "*",
      Sid: "Enable IAM User Permissions",
    },
  ],
  Version: "2012-10-17",
});

export const KMS_RESOURCE_FACTS: { readonly [type: string]: ResourceFacts } = {
  aws_kms_key: {
    sdk: "sdkv2",
    // No SchemaVersion and no StateUpgraders or MigrateState. The file's @IdentityAttribute("id") is the
    // resource IDENTITY schema, not the state schema version.
    schemaVersion: 0,
    // Exactly the attributes marked ForceNew in resourceKey. Everything else
    // updates in place in resourceKeyUpdate: is_enabled (EnableKey/DisableKey), enable_key_rotation and
    // rotation_period_in_days (updateKeyRotationEnabled), description (UpdateKeyDescription), policy
    // (PutKeyPolicy with bypass_policy_lockout_safety_check). deletion_window_in_days and
    // bypass_policy_lockout_safety_check are only read when another call runs (delete, PutKeyPolicy).
    forceNew: ["custom_key_store_id", "customer_master_key_spec", "key_usage", "multi_region", "xks_key_id"],
    normalize: {},
    // policy: sdkv2.IAMPolicyDocumentSchemaOptionalComputed (Optional + Computed, ValidateFunc StringIsJSON,
    // DiffSuppressFunc sdkv2.SuppressEquivalentIAMPolicyDocuments ("" and "{}" are equal, else
    // awspolicy.PoliciesAreEquivalent, an error is a difference), DiffSuppressOnRefresh, StateFunc
    // NormalizeJsonStringSchemaStateFunc). That is verify.SuppressEquivalentPolicyDiffs' rule, the "policy" one.
    equivalent: { policy: "policy" },
    // Schema Defaults. deletion_window_in_days has none (Optional, IntBetween(7, 30): unset, ScheduleKeyDeletion
    // gets no PendingWindowInDays and AWS uses its own 30). rotation_period_in_days has none (Optional +
    // Computed, RequiredWith enable_key_rotation).
    defaults: {
      bypass_policy_lockout_safety_check: false,
      // awstypes.KeySpecSymmetricDefault
      customer_master_key_spec: "SYMMETRIC_DEFAULT",
      enable_key_rotation: false,
      is_enabled: true,
      // awstypes.KeyUsageTypeEncryptDecrypt
      key_usage: "ENCRYPT_DECRYPT",
    },
    // resourceKeyFlatten (after findKeyInfo), for the Optional + Computed attributes a configuration leaves
    // out on create. A second plan keeps them either way (Terraform proposes the prior value). They are
    // modelled because stating AWS's value later must be no change: `description = ""`, or a policy
    // equivalent to the default one (SecondJSONUnlessEquivalent / PolicyToSet keep the stored policy).
    assignedByAws: {
      // DescribeKey's Description for a key created without one.
      description: "",
      // verify.PolicyToSet(d.Get("policy") = "", GetKeyPolicy "default"): the default key policy, normalized.
      policy: DEFAULT_KEY_POLICY,
      // KeyMetadata.MultiRegion for a CreateKey without MultiRegion.
      multi_region: false,
    },
    // resourceKeyFlatten: key_id is KeyMetadata.KeyId, the same value as the id (d.SetId(KeyMetadata.KeyId)).
    // rotation_period_in_days is GetKeyRotationStatus' RotationPeriodInDays: with rotation enabled and no period
    // given (updateKeyRotationEnabled sends none when it is 0), KMS uses 365 days (the KMS API reference for
    // EnableKeyRotation / GetKeyRotationStatus, not the provider's code). With rotation off the stand-in keeps 0
    // (d.Set of a nil *int32).
    readBack: (state) => ({
      ...state,
      key_id: state.id,
      rotation_period_in_days:
        state.enable_key_rotation === true && (state.rotation_period_in_days ?? 0) === 0 ? 365 : state.rotation_period_in_days,
    }),
    customizeDiff: regionCustomizeDiff,
    source:
      "internal/service/kms/key.go at 00a35305dc1b297a6fcdecdfbba33f1e63c3da39 (v6: @IdentityAttribute(\"id\"), " +
      "@Testing(preIdentityVersion=\"v6.10.0\"), \"Copyright IBM Corp. 2014, 2026\"): resourceKey (schema), resourceKeyCreate, " +
      "resourceKeyRead, findKeyInfo, resourceKeyUpdate, updateKeyRotationEnabled, resourceKeyDelete, resourceKeyFlatten; " +
      "internal/sdkv2/schema.go IAMPolicyDocumentSchemaOptionalComputed, jsonDocumentSchemaOptionalComputedFunc; " +
      "internal/sdkv2/suppress.go at 1d28590ac2f07848b81cc53c0f9233d6c5a96ae9 SuppressEquivalentIAMPolicyDocuments, " +
      "equalEmptyJSONStrings; internal/verify/json.go PolicyToSet, SecondJSONUnlessEquivalent. Not checked against the v6.25.0 tag.",
  },
};
