"""A new Zoho API version in one command: ``nox -s bump -- v9``.

Edits the one place the version lives (the ``version`` variable of the spec's server: its default
and its enum) and the spec's ``info`` to match (``info.version``, the docs URL), regenerates
``generated/``, and prints the change report (``api_report.py``) with the new untracked files in
``generated/``. Everything else (the client's base URL, the sandbox, the tests) reads the version
from there.

Usage: ``python generator/bump.py VERSION [--base REF] [--root DIR]``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api_report
import generate

VERSION_BLOCK = re.compile(
    r"(\n      version:\n        default: )(v\d+)(\n(?:        .*\n)*?        enum: \[)([^\]]*)(\])"
)
INFO_BLOCK = re.compile(r"^info:\n(?:(?: .*)?\n)*", re.MULTILINE)  # up to the next top-level key


def set_version(spec_text: str, version: str) -> str:
    """The spec with its API version set.

    The server variable's default and enum, ``info.version`` (``9.0.0`` for v9), and the URLs under ``info``
    naming the old version (the contact's docs page).
    """
    if not re.fullmatch(r"v\d+", version):
        raise SystemExit(f"bump: the version looks like v9, not {version!r}")
    match = VERSION_BLOCK.search(spec_text)
    if match is None:
        raise SystemExit("bump: no `version` server variable with a default and an enum in the spec")
    spec_text = VERSION_BLOCK.sub(lambda m: f"{m[1]}{version}{m[3]}{version}{m[5]}", spec_text, count=1)

    def info(block: re.Match[str]) -> str:
        text = re.sub(r"^  version: .*$", f"  version: {version[1:]}.0.0", block[0], count=1, flags=re.MULTILINE)
        return re.sub(rf"^(\s+url: \S*/){match[2]}(?=/|$)", rf"\g<1>{version}", text, flags=re.MULTILINE)

    return INFO_BLOCK.sub(info, spec_text, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version")
    parser.add_argument("--base", help="git ref for the report (default: api_report.py's, the last release)")
    args = parser.parse_args(argv)
    spec = generate.SPEC
    spec.write_text(set_version(spec.read_text(encoding="utf-8"), args.version), encoding="utf-8")
    try:
        generate.generate(generate.ROOT / "generated")
    except generate.surface.SpecError as exc:
        raise SystemExit(f"bump: {spec.relative_to(generate.ROOT)}: {exc}") from None
    return api_report.main([*(["--base", args.base] if args.base else [])])


if __name__ == "__main__":
    sys.exit(main())
