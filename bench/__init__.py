"""The benchmark: seeded data at realistic scale, and a harness timing the heavy pages."""
