variable "environment" {
  type        = string
  description = "The environment on which we want create resources"
}

variable "owner" {
  type        = string
  description = "The owner of the environment"
}

variable "application" {
  type        = string
  description = "The name of the application"
  default     = "origenes"
}

variable "subnet_ids" {
  type        = list(string)
  description = "subnet id's for batch"
}

variable "vpc_id" {
  type        = string
  description = "vpc id"
}

variable "compute_environment_name" {
  type        = string
  description = "compute environment"
  default     = "default"
}

variable "batch_name" {
  type        = string
  description = "Batch geography name"
}

variable "batch_image" {
  type        = string
  description = "batch image"
}

variable "batch_job_queue_priority" {
  type        = number
  description = "Batch Job Queue Priority"
  default     = 1
}

variable "batch_memory" {
  type        = number
  description = "the memory allocated to the container. Can't be greather than memory available from spot instance type"
  default     = 1024
}

variable "batch_vcpus" {
  type        = number
  description = "the number of vcpus allocated to the container. Can't be greather than vcpus available from spot instance type"
  default     = 1
}

variable "instance_type" {
  type        = list(string)
  description = "batch instance type"
  default     = ["m4"]
}

variable "max_vcpus" {
  type        = number
  description = "batch max vcpus"
  default     = 1
}

variable "min_vcpus" {
  type        = number
  description = "batch min_vcpus"
  default     = 0
}

variable "desired_vcpus" {
  type        = number
  description = "batch desired vcpus"
  default     = 0
}

variable "job_queue_priority" {
  type        = number
  description = "Batch Job Queue Priority"
  default     = 1
}

variable "bid_percentage" {
  type        = number
  description = "Integer of minimum percentage that a Spot Instance price must be when compared with the On-Demand price for that instance type before instances are launched."
  default     = 100
}

variable "allocation_strategy" {
  type        = string
  description = "the allocation strategy to affect to the ComputeEnvironment"
  default     = "SPOT_CAPACITY_OPTIMIZED"
}
