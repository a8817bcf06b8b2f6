module "batch-example" {
  source = "./batch-deployment"

  environment                = var.environment
  application                = var.application
  owner                      = var.owner
  region                     = data.aws_region.current.region
  batch_name                 = var.batch_name
  batch_image                = var.batch_image
  batch_memory               = var.batch_memory
  batch_vcpus                = var.batch_vcpus
  batch_job_queue_priority   = var.batch_job_queue_priority
  compute_environment_arn    = aws_batch_compute_environment.compute-environment.arn
  job_role_arn               = aws_iam_role.batch_ecs_task_execution_role.arn
  execution_role_arn         = aws_iam_role.batch_ecs_task_execution_role.arn
  create_compute_environment = false
}
