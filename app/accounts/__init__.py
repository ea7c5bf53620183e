"""Accounts: citizens, company representatives and staff, and their identity numbers."""
