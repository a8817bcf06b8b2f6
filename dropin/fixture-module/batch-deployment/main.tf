locals {
  common_tags = {
    environment = var.environment
    application = var.application
    owner       = var.owner
  }
}

# Upstream's module can own a compute environment too; this call uses the root one.
resource "aws_batch_compute_environment" "compute-environment" {
  count = var.create_compute_environment ? 1 : 0

  name = "ce-${var.environment}-${var.application}-${var.batch_name}"
  type = "UNMANAGED"
}

resource "aws_batch_job_queue" "job_queue" {
  name     = "queue-${var.environment}-${var.application}-${var.batch_name}"
  state    = "ENABLED"
  priority = var.batch_job_queue_priority

  # Where aws v5's `compute_environments = [arn]` upgrades to: the first entry at order 0.
  compute_environment_order {
    order               = 0
    compute_environment = var.compute_environment_arn
  }

  tags = merge({ Name = var.batch_name }, local.common_tags)
}

resource "aws_batch_job_definition" "job-definition" {
  name = "jdef-${var.environment}-${var.application}-${var.batch_name}"
  type = "container"
  tags = merge({ Name = var.batch_name }, local.common_tags)

  container_properties = templatefile("job-defintions/functionaltest.json", {
    REGION             = var.region
    ENV                = var.environment
    BATCH_NAME         = var.batch_name
    BATCH_IMAGE        = var.batch_image
    BATCH_MEMORY       = var.batch_memory
    BATCH_VCPUS        = var.batch_vcpus
    JOB_ROLE_ARN       = var.job_role_arn
    EXECUTION_ROLE_ARN = var.execution_role_arn
    BUCKET_NAME        = "mybucket"
  })
}
