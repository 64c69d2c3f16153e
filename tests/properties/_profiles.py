"""Hypothesis settings of the property tests, chosen by ``HYPOTHESIS_PROFILE`` (default ``ci``).

- ``ci``: the budget of ``nox -s tests`` (this folder in about two minutes on 2 cores);
- ``fuzz``: ten times the examples, for ``nox -s fuzz`` (run with ``--hypothesis-show-statistics``);
- ``repro``: only the examples saved in the database and the explicit ones, nothing new;
- ``debug``: few examples, verbose.

Every property here is decorated with :func:`properties`, so the profile applies to this folder
only: other folders' hypothesis tests keep their own settings and database. Failing examples are
replayed first from ``tests/properties/hypothesis_db/`` (committed, read-only to a test run) and
saved, shrunk, to ``.hypothesis/properties/`` (git-ignored): a test run never changes the checkout.
To make a failure everyone replays, CI included, copy its folder from ``.hypothesis/properties/`` into
``hypothesis_db/`` and commit it (or add it as an explicit ``@example``).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis.database import DirectoryBasedExampleDatabase, MultiplexedDatabase, ReadOnlyDatabase

DB_DIR = Path(__file__).resolve().parent / "hypothesis_db"
"""The committed examples: read, never written (hypothesis deletes entries that stopped failing)."""
LOCAL_DB_DIR = Path(__file__).resolve().parents[2] / ".hypothesis" / "properties"
"""Where this checkout's new failures go (git-ignored)."""
DATABASE = MultiplexedDatabase(
    ReadOnlyDatabase(DirectoryBasedExampleDatabase(DB_DIR)), DirectoryBasedExampleDatabase(LOCAL_DB_DIR)
)
CI_EXAMPLES = 20

_BASE = settings(
    database=DATABASE,
    deadline=None,  # sandbox calls and hypothesis-jsonschema draws vary a lot; time is bounded by the counts
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILES = {
    "ci": settings(_BASE, max_examples=CI_EXAMPLES),
    "fuzz": settings(_BASE, max_examples=CI_EXAMPLES * 10),
    "repro": settings(_BASE, max_examples=1, phases=[Phase.explicit, Phase.reuse]),
    "debug": settings(_BASE, max_examples=5, verbosity=Verbosity.verbose),
}
for _name, _settings in PROFILES.items():
    settings.register_profile(f"properties-{_name}", _settings)  # also usable as --hypothesis-profile=...

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in PROFILES:
    raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r}: the property tests know {', '.join(PROFILES)}")
ACTIVE = PROFILES[PROFILE]


def properties(examples: int = CI_EXAMPLES) -> settings:
    """The active profile, with ``examples`` examples under ``ci`` (scaled alike under the others)."""
    return settings(ACTIVE, max_examples=max(1, examples * ACTIVE.max_examples // CI_EXAMPLES))
