"""Every job of the project: ``nox -l`` lists them.

- ``nox -s lint tests docs``: everything CI runs (the README's test command).
- ``nox -s generate``: regenerate ``generated/`` from ``spec/``.
- ``nox -s api_report``: what the spec and the public surface gained or lost since the last release
  (its tag, or else the last commit that changed the version).
- ``nox -s bump -- v9``: a new Zoho API version: the one spec edit, regeneration, the report.
- ``nox -s build``: wheel and sdist into ``dist/``.
- ``nox -s demo``: the end-to-end example against a local Zoho CRM.
- ``nox -s chaos``: faults, load and hostile input at full scale.
- ``nox -s fuzz``: the property tests with ten times the examples, with hypothesis statistics.
- ``nox -s bench``: performance figures, each against a baseline measured in the same run.
- ``nox -s docs``: the documentation site into ``site/`` (mkdocs --strict: any warning fails).

Install nox with uv (``pip install nox uv``, as the README and CI do): sessions make their virtualenvs with uv.
"""

from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path

import nox

ROOT = Path(__file__).parent
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "docs"]
nox.options.error_on_missing_interpreters = True

GENERATOR_REQUIREMENTS = "generator/requirements.txt"
TEST_REQUIREMENTS = "tests/requirements.txt"
DOCS_REQUIREMENTS = "docs/requirements.txt"
MERMAID = "mermaid@11.6.0"
"""Drawn by Material's Mermaid integration, which otherwise loads mermaid@11 from a CDN when the page opens."""
SPECTRAL_DIR = "generator/spectral"
OFFICIAL_SDK = "zohocrmsdk8-0==7.0.0"
"""Zoho's official SDK for API v8: the parse and import-time baseline of ``nox -s bench`` only."""


def install_spectral(session: nox.Session) -> None:
    """Spectral (the OpenAPI linter) from the npm registry, at the version the lock file pins."""
    session.run("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", SPECTRAL_DIR, external=True)


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from spec/ (openapi-python-client and datamodel-code-generator)."""
    session.install("-r", GENERATOR_REQUIREMENTS)
    session.run("python", "generator/generate.py")


@nox.session
def api_report(session: nox.Session) -> None:
    """API change report against a git ref (``-- --base REF``; default: the last tag, or
    without tags the last commit that changed the package version); ``-- --check`` fails
    when the package version does not carry the bump a breaking change calls for."""
    session.install("-r", GENERATOR_REQUIREMENTS)
    session.run("python", "generator/api_report.py", *session.posargs)


@nox.session
def bump(session: nox.Session) -> None:
    """A new Zoho API version: ``nox -s bump -- v9`` edits the spec's one version, regenerates, reports."""
    if not session.posargs:
        session.error("usage: nox -s bump -- v9")
    session.install("-r", GENERATOR_REQUIREMENTS)
    session.run("python", "generator/bump.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format) on the hand-written code, mypy --strict on the overlays, the release check."""
    session.install("-r", GENERATOR_REQUIREMENTS, "-r", TEST_REQUIREMENTS, "mypy==2.4.1", "-e", ".[sandbox]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    # The release check: a breaking change since the last release (tag, or version change) needs a major bump.
    session.run("python", "generator/api_report.py", "--check")


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite: spec lint, generation staleness, wheel install, client and sandbox."""
    install_spectral(session)
    session.install("-r", GENERATOR_REQUIREMENTS, "-r", TEST_REQUIREMENTS, "-e", ".[sandbox]")
    session.run("pytest", *session.posargs)


@nox.session
def chaos(session: nox.Session) -> None:
    """Load, faults and hostile input at full scale (10,000-record chaos batch); prints a summary."""
    session.install("-r", TEST_REQUIREMENTS, "-e", ".[sandbox]")
    session.run(
        "pytest",
        "tests/chaos",
        "tests/client/test_bad_input.py",
        "-q",
        *session.posargs,
        env={"CHAOS_SCALE": "full"},
    )


@nox.session
def fuzz(session: nox.Session) -> None:
    """Property tests with ten times the examples (hypothesis profile 'fuzz'), with hypothesis statistics."""
    session.install("-r", TEST_REQUIREMENTS, "-e", ".[sandbox]")
    session.run(
        "pytest",
        "tests/properties",
        "--hypothesis-show-statistics",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "fuzz", "SCHEMATHESIS_MAX_EXAMPLES": "100"},
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Performance figures against same-run baselines (bench/README.md); writes bench/results/latest.{md,json}."""
    session.install("-r", GENERATOR_REQUIREMENTS, "-e", ".[sandbox]", OFFICIAL_SDK)
    session.run("python", "bench/run.py", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Build the wheel and the sdist into dist/."""
    session.install("build")
    session.run("python", "-m", "build", "--outdir", "dist", ".")


@nox.session
def demo(session: nox.Session) -> None:
    """The main job: the README's end-to-end example, against a local Zoho CRM."""
    session.install("-e", ".[sandbox]")
    session.run("python", "-m", "zoho_crm.testing.demo")


def vendor_mermaid(session: nox.Session) -> None:
    """Mermaid from the npm registry into docs/javascripts/ (git-ignored): the site draws its diagrams offline."""
    target = ROOT / "docs" / "javascripts" / "mermaid.min.js"
    if target.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        session.run("npm", "pack", "--silent", MERMAID, "--pack-destination", tmp, external=True, silent=True)
        (tarball,) = Path(tmp).glob("mermaid-*.tgz")
        with tarfile.open(tarball) as archive:
            source = archive.extractfile("package/dist/mermaid.min.js")
            assert source is not None
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(source.read())


@nox.session
def docs(session: nox.Session) -> None:
    """The documentation site into site/: guides, diagrams and the API reference, warnings as errors."""
    session.install("-r", DOCS_REQUIREMENTS)
    vendor_mermaid(session)
    # Material's notice about MkDocs 2.0 and Zensical is not a build warning (docs/requirements.txt says why we stay).
    session.run("mkdocs", "build", "--strict", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})
