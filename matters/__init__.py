"""First-party matters."""
