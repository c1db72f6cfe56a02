"""Reads of the tracking domain that need care, one module per question they answer.

- ownership: one object of the user's, or 404
- progress: how far applications got (per row and grouped, proven to agree)
- conditions: the other named conditions the dashboard counts with and the list filters by
- search: the user's applications matching a set of filters
- history: one application with everything that happened to it, as a timeline
- reminders: what needs the user's attention now
- board: the applications by status, capped per column
"""
