// How hashicorp/aws 6.x plans the EC2 types of this stack (security group and
// its rules), as data; each row's `source` names the file, the functions and
// the version read. A provider bump is an edit of these rows.
//
// Every type here is an SDKv2 resource (`@SDKResource`): none has
// `RequiresReplace` plan modifiers. Regional types get a top-level `region`
// (Optional + Computed): regionCustomizeDiff (./resource-facts). Value
// normalizations and DiffSuppressFuncs use the names of NORMALIZERS
// (./resource-facts); JSON documents go in `equivalent`. The StateFunc
// structure.NormalizeJsonString of the JSON arguments is not applied to the
// stored text: the stand-in keeps the configured text and compares as the
// DiffSuppressFunc (or, without one, as JSON values) does, which plans the same.
//
// `MigrateState` (aws_security_group, aws_security_group_rule,
// aws_sqs_queue_policy) only runs on flatmap state, i.e. state last written
// by Terraform 0.11: terraform-plugin-sdk helper/schema grpc_provider.go
// UpgradeResourceState calls upgradeFlatmapState (which calls MigrateState)
// only when RawState.Flatmap is set; JSON state goes through
// upgradeJSONState, which runs StateUpgraders only. These types have none, so
// JSON state at a lower version passes unchanged (passThrough, on purpose).
import { Value } from "../protocol/cty";
import { ResourceFacts, passThrough, regionCustomizeDiff } from "./resource-facts";

/** protocolForValue(protocol) == "-1". */
const protocolIsAll = (protocol: Value) => ["-1", "all"].includes(String(protocol).toLowerCase());

export const EC2_RESOURCE_FACTS: { readonly [type: string]: ResourceFacts } = {
  aws_security_group: {
    sdk: "sdkv2",
    // SchemaVersion 1, MigrateState securityGroupMigrateState. v0 -> v1
    // (flatmap only) sets revoke_rules_on_delete = "false", whatever was there.
    schemaVersion: 1,
    // The ingress and egress blocks have no ForceNew of their own. A rule
    // change is an in-place update (updateSecurityGroupRules: revoke the
    // removed rules, authorize the added ones).
    forceNew: ["description", "name", "name_prefix", "vpc_id"],
    // securityGroupRuleNestedBlock: protocol has StateFunc protocolStateFunc.
    // The inline blocks have NO port DiffSuppressFunc. With protocol "-1",
    // non-zero ports fail at apply in expandIPPerms ("from_port (%d) and
    // to_port (%d) must both be 0 to use the 'ALL' \"-1\" protocol!").
    normalize: {
      "ingress.*.protocol": "protocol",
      "egress.*.protocol": "protocol",
    },
    equivalent: {},
    defaults: { description: "Managed by Terraform", revoke_rules_on_delete: false },
    // ingress and egress: ConfigMode SchemaConfigModeAttr, Optional + Computed (`egress = []` revokes every rule).
    attributesAsBlocks: ["ingress", "egress"],
    // resourceSecurityGroupCreate revokes the default allow-all egress rule: the read finds none of its own.
    assignedByAws: { name_prefix: "", owner_id: "{account}", ingress: [], egress: [] },
    customizeDiff: regionCustomizeDiff,
    upgrade: { 0: passThrough },
    source:
      "internal/service/ec2/vpc_security_group.go at 01606926a0c0ab9174aec440f976a48b0baee722 (v6: @IdentityAttribute(\"id\"), " +
      "@Testing(preIdentityVersion=\"v6.7.0\")): resourceSecurityGroup, securityGroupRuleNestedBlock, securityGroupRuleHash, " +
      "protocolStateFunc, protocolForValue, expandIPPerms; vpc_security_group_migrate.go at " +
      "01f431114674c27cf790fafb67ac274bf8f765e1: securityGroupMigrateState, migrateSecurityGroupStateV0toV1",
  },

  aws_security_group_rule: {
    sdk: "sdkv2",
    // SchemaVersion 2, MigrateState securityGroupRuleMigrateState. v0 -> v1
    // and v1 -> v2 are the same function, migrateSGRuleStateV0toV1, and it
    // runs once (for the stored version), flatmap only. It recomputes the id
    // ("sgrule-<hash>", securityGroupRuleCreateID) from security_group_id,
    // type, from_port, to_port, the raw protocol, self / source_security_group_id
    // and the cidr_blocks.N entries. IPv6 ranges and prefix lists are left out.
    schemaVersion: 2,
    // Every argument except `description` (updated in place through
    // UpdateSecurityGroupRuleDescriptions*). security_group_rule_id is computed.
    forceNew: [
      "cidr_blocks",
      "from_port",
      "ipv6_cidr_blocks",
      "prefix_list_ids",
      "protocol",
      "security_group_id",
      "self",
      "source_security_group_id",
      "to_port",
      "type",
    ],
    normalize: {
      protocol: "protocol",
      // The real rule is a DiffSuppressFunc on from_port and to_port:
      // `protocolForValue(d.Get("protocol")) == "-1" && old == "0"` hides ANY
      // change. Any configured value (-1, 0, 65535...) matches a state of 0
      // when the protocol is all. It never applies on create (old is ""), and
      // Read stores 0 for an all-protocols rule (AWS returns no ports). It is
      // not "0 == -1": facts.ts's "ports-when-all" only maps -1/0 to 0.
      from_port: "ports-when-all",
      to_port: "ports-when-all",
    },
    equivalent: {},
    defaults: { self: false },
    // resourceSecurityGroupRuleRead flattens the permission expanded from the configuration: an all-protocols
    // rule has no ports (expandIPPerm leaves them nil), stored as 0.
    readBack: (state) => (protocolIsAll(state.protocol) ? { ...state, from_port: 0, to_port: 0 } : state),
    customizeDiff: regionCustomizeDiff,
    upgrade: { 0: passThrough, 1: passThrough },
    source:
      "internal/service/ec2/vpc_security_group_rule.go: resourceSecurityGroupRule (schema, ForceNew, port DiffSuppressFunc), " +
      "expandIPPermission, flattenIpPermission. Read from a late-5.x copy " +
      "(aws-sdk-go-v2, names.Attr*, enum.Validate[securityGroupRuleType], late 5.x). Its ForceNew set is the " +
      "same as in 0d90774d0fdd40607cbf3b07cbab20b95c481163 and acde588265bb9030379201e363f9f682879b51bd, and the v6-era " +
      "vpc_security_group_rule_migrate.go at 01f431114674c27cf790fafb67ac274bf8f765e1 (securityGroupRuleMigrateState, " +
      "migrateSGRuleStateV0toV1) matches it. This ForceNew list has not been checked against a v6 copy of the rule file itself.",
  },
};
