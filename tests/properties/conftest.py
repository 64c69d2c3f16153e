"""The coverage summary of the property tests, and a check that every property uses their profile.

Hypothesis settings (profiles, example database) live in ``_profiles.py``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tests.properties._profiles import DATABASE, PROFILE


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A property of this folder without ``@properties()`` would use hypothesis's defaults and database."""
    here = Path(__file__).resolve().parent
    for item in items:
        test = getattr(item, "obj", None)
        if getattr(test, "hypothesis", None) is None or here not in Path(item.path).resolve().parents:
            continue
        used = getattr(test, "_hypothesis_internal_use_settings", None)
        if used is None or used.database is not DATABASE:
            raise pytest.UsageError(f"{item.nodeid}: decorate it with @properties() (tests/properties/_profiles.py)")


# --------------------------------------------------------------------------------------------
# What the session covered, printed at the end: which spec schemas and operations had a property
# test pass, against the spec's own lists.

_passed: dict[str, set[str]] = defaultdict(set)
# test function name → what it covers (labels); the universes come from the spec (see _universes).
_LABELS = {
    "test_request_body_round_trip": ("request-body schemas: attrs round trip", "bodies"),
    "test_response_round_trip": ("response schemas: parsed by the generated client", "responses"),
    "test_custom_fields_survive": ("schemas carrying records: custom fields kept", "records"),
    "test_request_body_differential": ("request-body schemas: attrs and pydantic agree", "bodies"),
    "test_response_differential": ("response schemas: attrs and pydantic agree", "responses"),
    "test_forbidden_bodies_are_refused": ("request-body schemas: forbidden bodies refused", "bodies"),
    "test_generated_requests_match_the_spec": ("operations on the wire: generated functions", "operations"),
    "test_overlay_requests_match_the_spec": ("operations on the wire: overlay, sync and async", "operations"),
}


def _universes() -> dict[str, list[str]]:
    # imported here, not at conftest load: hypothesis warns about slow plugin initialisation otherwise
    from tests.properties import _spec

    return {
        "bodies": list(_spec.REQUEST_BODY_SCHEMAS),
        "responses": list(_spec.RESPONSE_SCHEMAS),
        "records": list(_spec.RECORD_SCHEMAS),
        "operations": sorted(_spec.OPERATION_IDS),
    }


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call" or not report.passed or "[" not in report.nodeid:
        return
    name, _, param = report.nodeid.split("::")[-1].partition("[")
    if name in _LABELS:
        _passed[name].add(param.rstrip("]"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    ran = [name for name in _LABELS if name in _passed]
    if not ran:
        return
    universes = _universes()
    tr = terminalreporter
    tr.section(f"spec coverage of the property tests (hypothesis profile {PROFILE!r})")
    tr.write_line(
        f"the spec has {len(universes['bodies'])} request-body schemas, {len(universes['responses'])} "
        f"response schemas and {len(universes['operations'])} operations"
    )
    from tests.properties import _spec

    for sender, ops in sorted(_spec.VALIDATED.items()):
        missing = sorted(set(universes["operations"]) - ops)
        tr.write_line(
            f"{len(ops & set(universes['operations']))}/{len(universes['operations'])} operationIds validated on the "
            f"wire, sent by the {sender}" + (f" (never: {', '.join(missing)})" if missing else "")
        )
    for name in ran:
        label, kind = _LABELS[name]
        universe = universes[kind]
        covered = _passed[name] & set(universe)
        missing = sorted(set(universe) - covered)
        line = f"{len(covered)}/{len(universe)} {label}"
        tr.write_line(line + (f" (not passing: {', '.join(missing)})" if missing else ""))
