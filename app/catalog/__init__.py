"""The matter catalog: assembled from plugins at start-up, synced to the database, searched."""
