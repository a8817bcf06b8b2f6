output "batch_job_queue_arn" {
  value = aws_batch_job_queue.job_queue.arn
}

output "batch_job_definition_arn" {
  value = aws_batch_job_definition.job-definition.arn
}
