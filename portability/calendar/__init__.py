"""The private calendar feed of a user's interviews (ICS), behind a secret token."""
