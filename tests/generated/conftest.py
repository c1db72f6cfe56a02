"""Settings of the generated tests: hypothesis profiles bounded for CI, and the terminal summary
line that says how much the generated CSRF and XSS checks covered."""

import os

from hypothesis import HealthCheck, settings

from tests.generated import tally

# Each example runs in its own savepoint (see strategies.rolled_back), so a function-scoped
# database fixture shared by the examples is safe.
_COMMON = {
    "deadline": None,
    "database": None,  # no .hypothesis/ folder in the checkout; failures print a repro blob
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}
# "rebound" (the default) keeps the whole generated suite well under a minute on two cores;
# HYPOTHESIS_PROFILE=thorough searches a hundred times longer, for a bug hunt.
settings.register_profile("rebound", max_examples=20, **_COMMON)
settings.register_profile("thorough", max_examples=2_500, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "rebound"))


def pytest_terminal_summary(terminalreporter):
    if tally.csrf:
        checked = sorted(name for name, result in tally.csrf.items() if result == "checked")
        skipped = sorted(
            f"{name} ({result})" for name, result in tally.csrf.items() if result != "checked"
        )
        admin = sum(1 for name in checked if name.startswith("admin:"))
        terminalreporter.write_line(
            f"generated CSRF: {len(checked)} POST URLs checked ({admin} of them the admin's), "
            f"{len(skipped)} skipped: {', '.join(skipped) or 'none'}"
        )
    if tally.xss_fields:
        pages = sorted(page for page, result in tally.xss_pages.items() if result == "checked")
        skipped = sorted(
            f"{page} ({result})" for page, result in tally.xss_pages.items() if result != "checked"
        )
        unseen = sorted(field for field, seen in tally.xss_fields.items() if not seen)
        terminalreporter.write_line(
            f"generated XSS: {len(tally.xss_fields)} fields × {len(pages)} pages checked, "
            f"{len(tally.xss_fields) - len(unseen)} fields seen (escaped) on a page; "
            f"not shown on any page: {', '.join(unseen) or 'none'}; "
            f"{len(skipped)} pages skipped: {', '.join(skipped) or 'none'}"
        )
