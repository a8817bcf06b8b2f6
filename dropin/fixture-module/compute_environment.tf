resource "aws_batch_compute_environment" "compute-environment" {
  name         = local.ce_name
  service_role = aws_iam_role.batch_service_role.arn
  type         = "MANAGED"

  compute_resources {
    instance_role       = aws_iam_instance_profile.batch_instance_profile.arn
    spot_iam_fleet_role = aws_iam_role.AmazonEC2SpotFleetRole.arn
    instance_type       = var.instance_type
    max_vcpus           = var.max_vcpus
    min_vcpus           = var.min_vcpus
    desired_vcpus       = var.desired_vcpus
    bid_percentage      = var.bid_percentage
    allocation_strategy = var.allocation_strategy
    security_group_ids  = [aws_security_group.sg-batch.id]
    subnets             = var.subnet_ids
    type                = "SPOT"
  }

  tags = merge({ Name = local.ce_name }, local.common_tags)

  lifecycle {
    ignore_changes = [compute_resources.0.desired_vcpus]
  }

  # depends_on = [aws_iam_role_policy_attachment.aws_batch_service_role]
}
