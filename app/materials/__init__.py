"""Uploaded application materials: checking what a citizen sends and keeping it."""
