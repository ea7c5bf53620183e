"""Applying online: forms rendered from declarations, drafts, materials."""
