"""Workflows and pages that span the tracking and reflection domains, above both.

`applications` never imports `reflections`; what needs both (a rejection opens its reflection,
a debrief feeds the question bank, the home page's reminders) is decided here.
"""
