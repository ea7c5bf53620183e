"""arq workers: background jobs that reuse the app's services."""
