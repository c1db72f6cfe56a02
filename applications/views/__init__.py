"""Views of the tracking domain, one module per area of the UI."""
