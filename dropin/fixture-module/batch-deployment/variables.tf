variable "environment" {
  type = string
}

variable "application" {
  type = string
}

variable "owner" {
  type = string
}

variable "region" {
  type = string
}

variable "batch_name" {
  type = string
}

variable "batch_image" {
  type = string
}

variable "batch_memory" {
  type = number
}

variable "batch_vcpus" {
  type = number
}

# A string inside the module, as upstream has it.
variable "batch_job_queue_priority" {
  type = string
}

variable "compute_environment_arn" {
  type = string
}

variable "job_role_arn" {
  type = string
}

variable "execution_role_arn" {
  type = string
}

variable "create_compute_environment" {
  type    = bool
  default = false
}
