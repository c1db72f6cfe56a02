"""Archive: the lossless JSON export and import, and the CSV zip export."""
