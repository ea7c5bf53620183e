"""Default implementations, registered first and marked trylast so any plugin can replace them."""
