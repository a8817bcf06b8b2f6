locals {
  common_tags = {
    environment = var.environment
    application = var.application
    owner       = var.owner
  }
  ce_name = "ce-${var.environment}-${var.application}-batchs"
}
