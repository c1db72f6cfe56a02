"""What the generated tests covered, gathered while they run and printed in the terminal summary
(see conftest.py), so a run shows how many URLs and fields the generated checks reached."""

from collections import defaultdict

# URL name (and who posted) -> "checked", or why it was skipped.
csrf: dict[str, str] = {}
# Page (URL, page or htmx) -> "checked", or why it was skipped.
xss_pages: dict[str, str] = {}
# "Model.field" -> the pages that showed its payload (escaped); every filled field is a key.
xss_fields: dict[str, set[str]] = defaultdict(set)
