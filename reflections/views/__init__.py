"""Views of the reflection and insight domain, one module per area of the UI."""
