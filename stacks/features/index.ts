// Every opt-in feature, one line each: the options type and its run-time
// shape, and the variables declared when a feature is on, gather from here.
// The order is the order their variables are declared in.
import { JOB_QUEUES, JobQueuesOption } from "./job-queues";
import { ON_DEMAND_FALLBACK, OnDemandFallbackOption } from "./on-demand-fallback";
import { S3_TRIGGER, S3TriggerOption } from "./s3-trigger";
import { STUCK_JOBS, StuckJobsOption } from "./stuck-jobs";
import { TEMPLATE_SECRET } from "./template-secret";
import { UPDATABLE_COMPUTE_ENVIRONMENT, UpdatableComputeEnvironmentOption } from "./updatable-compute-environment";
import { LAUNCH_TEMPLATE, LaunchTemplateOption } from "./launch-template";
import { IMAGE_TYPE, ImageTypeOption } from "./image-type";
import { INSTANCE_TAGS, InstanceTagsOption } from "./instance-tags";
import { JOB_LOGS, JobLogsOption } from "./job-logs";
import { ALERTS, AlertsOption } from "./alerts";
import { LEAST_PRIVILEGE, LeastPrivilegeOption } from "./least-privilege";
import { EGRESS_RULES, EgressRulesOption } from "./egress-rules";
import { ShapeOf } from "../app/options-check";
import { Feature } from "./feature";

/** The options of the opt-in features, part of BatchStackOptions. */
export type FeatureOptions = OnDemandFallbackOption &
  S3TriggerOption &
  StuckJobsOption &
  JobQueuesOption &
  UpdatableComputeEnvironmentOption &
  LaunchTemplateOption &
  ImageTypeOption &
  InstanceTagsOption &
  JobLogsOption &
  AlertsOption &
  LeastPrivilegeOption &
  EgressRulesOption;

export const FEATURES: readonly Feature<object, FeatureOptions>[] = [
  ON_DEMAND_FALLBACK,
  S3_TRIGGER,
  STUCK_JOBS,
  JOB_QUEUES,
  TEMPLATE_SECRET,
  UPDATABLE_COMPUTE_ENVIRONMENT,
  LAUNCH_TEMPLATE,
  IMAGE_TYPE,
  INSTANCE_TAGS,
  JOB_LOGS,
  ALERTS,
  LEAST_PRIVILEGE,
  EGRESS_RULES,
];

/** Every key of the features' options, at every level: a feature left out here fails the type-check. */
export const FEATURE_OPTION_SHAPES: ShapeOf<FeatureOptions> = {
  ...ON_DEMAND_FALLBACK.shape,
  ...S3_TRIGGER.shape,
  ...STUCK_JOBS.shape,
  ...JOB_QUEUES.shape,
  ...UPDATABLE_COMPUTE_ENVIRONMENT.shape,
  ...LAUNCH_TEMPLATE.shape,
  ...IMAGE_TYPE.shape,
  ...INSTANCE_TAGS.shape,
  ...JOB_LOGS.shape,
  ...ALERTS.shape,
  ...LEAST_PRIVILEGE.shape,
  ...EGRESS_RULES.shape,
};
