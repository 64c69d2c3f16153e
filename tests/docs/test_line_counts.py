"""docs/design.md's "Hand-written lines" table and the README's figures against the files they count."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PACKAGE = ROOT / "overlays" / "zoho_crm"
TABLE = (ROOT / "docs" / "design.md").read_text(encoding="utf-8").split("## Hand-written lines", 1)[1]


def _lines(module: str) -> int:
    return len((PACKAGE / f"{module}.py").read_text(encoding="utf-8").splitlines())


def _rows() -> dict[str, tuple[list[str], int]]:
    rows = {}
    for line in TABLE.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 4 and cells[3].strip("*").replace(",", "").isdigit():
            modules = re.findall(r"`([\w/]+)`", cells[1].split("(then", 1)[0])
            rows[cells[0].strip("*")] = (modules, int(cells[3].strip("*").replace(",", "")))
    return rows


def test_every_counted_module_is_in_one_row_and_each_row_adds_up() -> None:
    rows = _rows()
    total = rows.pop("All")[1]
    listed = [module for modules, _ in rows.values() for module in modules]
    on_disk = sorted(
        str(path.relative_to(PACKAGE).with_suffix(""))
        for pattern in ("*.py", "_async/*.py")
        for path in PACKAGE.glob(pattern)
    )
    assert sorted(listed) == on_disk
    for part, (modules, now) in rows.items():
        assert sum(map(_lines, modules)) == now, part
    assert sum(now for _, now in rows.values()) == total == sum(map(_lines, on_disk))


def test_the_readme_quotes_the_table() -> None:
    rows = _rows()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{rows['All'][1]:,} now" in readme
    surface = next(now for part, (_, now) in rows.items() if part.startswith("The surface"))
    assert f"{surface:,} now for all operations" in readme
