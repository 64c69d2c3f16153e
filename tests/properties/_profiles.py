"""Hypothesis settings of the property tests, chosen by ``HYPOTHESIS_PROFILE`` (default ``ci``).

- ``ci``: the budget of ``nox -s tests`` (this folder in about two minutes on 2 cores);
- ``fuzz``: ten times the examples, for ``nox -s fuzz`` (run with ``--hypothesis-show-statistics``);
- ``repro``: only the examples saved in the database and the explicit ones, nothing new;
- ``debug``: few examples, verbose.

Every property here is decorated with :func:`properties`, so the profile applies to this folder
only: other folders' hypothesis tests keep their own settings and database. Failing examples are
saved, shrunk, in ``tests/properties/hypothesis_db/`` (a ``DirectoryBasedExampleDatabase``):
commit it, and a property that failed once is replayed first by everyone, CI included.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis.database import DirectoryBasedExampleDatabase

DB_DIR = Path(__file__).resolve().parent / "hypothesis_db"
DATABASE = DirectoryBasedExampleDatabase(DB_DIR)
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
