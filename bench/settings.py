"""The benchmark's settings: production settings, with static files collected into its data folder.

Production renders `{% static %}` from collectstatic's manifest; the benchmark collects into
`$REBOUND_DATA_DIR/staticfiles` so it never writes into the project's own `staticfiles/`.
"""

from config.settings import *  # noqa: F403
from config.settings import DATA_DIR

STATIC_ROOT = DATA_DIR / "staticfiles"
