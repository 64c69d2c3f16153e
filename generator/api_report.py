"""API change report: what the spec and the public Python surface gained or lost since a git ref.

Two readings, each by the tool made for it:

- **the spec** (operations, parameters, request bodies and responses down to each property's type,
  format, enum and limits, component schemas, the API version), compared here on the loaded
  documents by a small walker (``spec_diff.py``, which has the breaking rules): the spec is one
  hand-kept YAML file whose operations are few, and an OpenAPI diff tool (Optic, oasdiff) would add a
  Node or Go toolchain to CI for some 300 lines of Python; a generic tree diff (``deepdiff``) knows
  nothing of ``$ref``, ``required`` or request versus response, which decide every verdict;
- **the Python surface** (``zoho_crm`` and the generated ``zoho_crm_api.resources``), read with griffe,
  whose ``find_breaking_changes`` is built for exactly this (removed or changed parameters, return types,
  members), and whose object tree gives the additions.

A breaking change means a major version bump, an addition a minor one, anything else a patch
(CHANGELOG.md). ``--check`` fails when the package version does not carry the bump the report calls for.
It also lists new, untracked files in ``generated/`` (``git status``, not ``git diff``, which hides them).

Usage: ``python generator/api_report.py [--base REF] [--check]`` (base: the last tag; in a clone without
tags, as CI's, the last commit before HEAD that changed the package version; none found is an error).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import griffe
import spec_diff
import yaml
from surface import SpecError, _resolve  # the generator's (this script runs from generator/)

ROOT = Path(__file__).resolve().parent.parent
SPEC = "spec/zoho-crm.yaml"
PYPROJECT = "pyproject.toml"
PACKAGES = ("zoho_crm", "zoho_crm_api.resources")
SEARCH_PATHS = ("overlays", "generated")
METHODS = ("get", "put", "post", "patch", "delete")
VERSION = re.compile(r'^version = "(\d+)\.(\d+)\.(\d+)"', re.MULTILINE)  # the package's, in pyproject.toml
USES_SHOWN = 8  # operations named per side after a shared component's change


def git(*args: str, root: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout  # noqa: S607


def default_base(root: Path = ROOT) -> tuple[str, str]:
    """The last release, and how it was found.

    The newest tag; without tags (a CI clone), the newest commit before HEAD that changed ``version`` in
    pyproject.toml (a change in HEAD itself is the bump being checked). ``SystemExit`` when there is neither.
    """
    tags = git("tag", "--sort=-creatordate", root=root).split()
    if tags:
        return tags[0], "the last tag"
    head = git("rev-parse", "HEAD", root=root).strip()
    shallow = git("rev-parse", "--is-shallow-repository", root=root).strip() == "true"
    for commit in git("log", "--format=%H %P", "-G", '^version = "', "HEAD", "--", PYPROJECT, root=root).splitlines():
        commit, *parents = commit.split()
        if shallow and not parents:
            break  # where a shallow clone's history stops, not where the version was set
        if commit != head:
            return commit, "no tag: the last commit that changed the package version"
    raise SystemExit(
        f"api_report: no base to compare with: no tag, and no commit before HEAD changed `version` in {PYPROJECT}"
        f"{' (a shallow clone: fetch its history)' if shallow else ''}; pass --base REF"
    )


class Report:
    """The changes found, by kind."""

    def __init__(self) -> None:
        self.breaking: list[str] = []
        self.added: list[str] = []
        self.changed: list[str] = []

    def bump(self) -> str:
        """The semver bump due: ``major`` for a break, ``minor`` for an addition, else ``patch``."""
        return "major" if self.breaking else "minor" if self.added else "patch"


def operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each operation by id: {method, path, params: {name: required}, item, node}; an id used twice: ``SpecError``."""
    found: dict[str, dict[str, Any]] = {}
    for path, item in spec.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in METHODS:
            if method in item:
                node = item[method]
                params = {}
                for raw in [*shared, *node.get("parameters", [])]:
                    param = _resolve(spec, raw)
                    params[f"{param['in']}:{param['name']}"] = bool(param.get("required"))
                if node["operationId"] in found:
                    first = found[node["operationId"]]
                    raise SpecError(
                        f"operationId {node['operationId']} is used twice: {first['method']} {first['path']} and "
                        f"{method.upper()} {path}"
                    )
                found[node["operationId"]] = {
                    "method": method.upper(),
                    "path": path,
                    "params": params,
                    "item": item,
                    "node": node,
                }
    return found


def _file(report: Report, severity: str, line: str) -> None:
    {"breaking": report.breaking, "added": report.added, "changed": report.changed}[severity].append(line)


def _worst(a: str, b: str) -> str:
    return max(a, b, key=spec_diff.SEVERITY.__getitem__)


def _uses(sides: set[tuple[str, str]]) -> str:
    """``request: insert_records; response: get_record, get_records``."""
    if not sides:
        return "not used by any operation"
    by_side = {side: sorted(op for s, op in sides if s == side) for side in ("request", "response")}
    return "; ".join(
        f"{side}: {', '.join(ops[:USES_SHOWN])}{f' +{len(ops) - USES_SHOWN} more' if len(ops) > USES_SHOWN else ''}"
        for side, ops in by_side.items()
        if ops
    )


def compare_spec(old: dict[str, Any], new: dict[str, Any], report: Report) -> None:
    """Operations, parameters, request and response schemas, component schemas and enums, the API version.

    Grouped by operation; a change inside a shared component is listed once, at the component, with the
    operations that use it (``spec_diff``'s docstring has the rules).
    """
    old_version = old["servers"][0]["variables"]["version"]["default"]
    new_version = new["servers"][0]["variables"]["version"]["default"]
    if old_version != new_version:
        report.breaking.append(f"spec: API version {old_version} -> {new_version}")
    old_ops, new_ops = operations(old), operations(new)
    for op in sorted(set(old_ops) - set(new_ops)):
        report.breaking.append(f"spec: operation removed: {op}")
    for op in sorted(set(new_ops) - set(old_ops)):
        report.added.append(f"spec: operation added: {op} ({new_ops[op]['method']} {new_ops[op]['path']})")
    shared: dict[tuple[str, str, str], tuple[str, set[tuple[str, str]]]] = {}
    entered: set[str] = set()
    for op in sorted(set(old_ops) & set(new_ops)):
        was, now = old_ops[op], new_ops[op]
        if (was["method"], was["path"]) != (now["method"], now["path"]):
            report.breaking.append(f"spec: {op}: moved: {was['method']} {was['path']} -> {now['method']} {now['path']}")
        if bool(was["node"].get("deprecated")) != bool(now["node"].get("deprecated")):
            report.changed.append(f"spec: {op}: {'' if now['node'].get('deprecated') else 'no longer '}deprecated")
        before, after = was["params"], now["params"]
        for name in sorted(set(before) - set(after)):
            report.breaking.append(f"spec: {op}: parameter removed: {name}")
        for name in sorted(set(after) - set(before)):
            (report.breaking if after[name] else report.added).append(
                f"spec: {op}: {'required' if after[name] else 'optional'} parameter added: {name}"
            )
        for name in sorted(set(before) & set(after)):
            if after[name] and not before[name]:
                report.breaking.append(f"spec: {op}: parameter now required: {name}")
        for key in sorted({k for k in (*was["node"], *now["node"]) if k.startswith("x-")} - set(spec_diff.RELATIONS)):
            if was["node"].get(key) != now["node"].get(key):  # declared behaviour (retries, batching, the call)
                report.changed.append(f"spec: {op}: {key}: {was['node'].get(key)} -> {now['node'].get(key)}")
        findings, seen = spec_diff.diff_operation(old, new, (was["item"], was["node"]), (now["item"], now["node"]))
        entered |= seen
        own: dict[tuple[str, str], str] = {}
        for found in findings:
            if found.origin is None:
                key = (found.where, found.message)
                own[key] = _worst(own.get(key, "changed"), found.severity)
            else:
                severity, sides = shared.get((found.origin, found.where, found.message), ("changed", set()))
                sides.add((found.side, op))
                shared[(found.origin, found.where, found.message)] = (_worst(severity, found.severity), sides)
        for (where, message), severity in own.items():
            _file(report, severity, f"spec: {op}{' ' + where if where else ''}: {message}")
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    for name in sorted(set(old_schemas) - set(new_schemas)):
        report.breaking.append(f"spec: schema removed: {name}")
    for name in sorted(set(new_schemas) - set(old_schemas)):
        report.added.append(f"spec: schema added: {name}")
    for name in sorted(set(old_schemas) & set(new_schemas)):
        if f"#/components/schemas/{name}" not in entered:
            for found in spec_diff.diff_component_schema(old, new, name):
                assert found.origin is not None
                severity, sides = shared.get((found.origin, found.where, found.message), ("changed", set()))
                shared[(found.origin, found.where, found.message)] = (_worst(severity, found.severity), sides)
    for (origin, where, message), (severity, sides) in sorted(shared.items()):
        _file(report, severity, f"spec: {origin}: {where + ': ' if where else ''}{message} ({_uses(sides)})")


def _members(obj: griffe.Object | griffe.Alias, prefix: str) -> Iterator[tuple[str, str]]:
    """Public paths of a griffe tree (classes' inherited members included) with their signatures.

    A module's imports count only when it exports them (``__all__``).
    """
    try:
        members = obj.all_members if obj.is_class else obj.members
        exports = set(obj.exports or ()) if obj.is_module else None
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return
    for name, member in members.items():
        if name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
            continue
        if name in ("__all__", "__doc__", "__annotations__", "__future__"):
            continue
        if exports is not None and member.is_alias and name not in exports:
            continue
        path = f"{prefix}.{name}"
        try:
            kind = member.kind.value
            params = "(" + ", ".join(p.name for p in member.parameters) + ")" if member.is_function else ""
            descend = (member.is_class or member.is_module) and not (member.is_alias and member.is_module)
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
        yield path, kind + params
        if descend:
            yield from _members(member, path)


def surface(obj: griffe.Object | griffe.Alias, name: str) -> dict[str, str]:
    return dict(_members(obj, name))


def _still_inherited(breakage: griffe.Breakage, new_top: griffe.Object | griffe.Alias, surfaces: set[str]) -> bool:
    """Whether a member griffe reports removed from a class is still there, inherited from another package.

    (``crm.metadata`` was set by the facade; now the generated ``SyncResources`` base binds it, and griffe
    does not follow a base class into ``zoho_crm_api``.)
    """
    obj = breakage.obj
    if breakage.kind is not griffe.BreakageKind.OBJECT_REMOVED or obj.parent is None or not obj.parent.is_class:
        return False
    try:
        bases = new_top[obj.parent.name].bases
    except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return False
    for base in bases:
        left = getattr(base, "left", base)
        if f"{getattr(left, 'canonical_path', left)}.{obj.name}" in surfaces:
            return True
    return False


def _at(loaded: dict[str, griffe.Object | griffe.Alias], package: str) -> griffe.Object | griffe.Alias:
    top, _, rest = package.partition(".")
    return loaded[top][rest] if rest else loaded[top]


def compare_python(base: str, report: Report, root: Path = ROOT) -> None:
    """The breakages griffe finds, plus the public names added (griffe reports only what breaks)."""
    paths = [root / p for p in SEARCH_PATHS]
    loaded = {
        top: griffe.load(top, search_paths=paths, try_relative_path=False, resolve_aliases=True)
        for top in {package.split(".")[0] for package in PACKAGES}
    }
    surfaces = {path for package in PACKAGES for path in surface(_at(loaded, package), package)}
    for package in PACKAGES:
        top = package.split(".")[0]
        new_top = loaded[top]
        try:
            old_top = griffe.load_git(top, ref=base, repo=root, search_paths=list(SEARCH_PATHS), resolve_aliases=True)
        except (ImportError, ModuleNotFoundError, griffe.GitError):
            report.added.append(f"python: package {package} added")
            continue
        try:
            old, new = (
                old_top[package.removeprefix(top).lstrip(".")] if "." in package else old_top,
                (new_top[package.removeprefix(top).lstrip(".")] if "." in package else new_top),
            )
        except KeyError:
            report.added.append(f"python: module {package} added")
            continue
        before, after = surface(old, package), surface(new, package)
        for breakage in griffe.find_breaking_changes(old, new):
            if _still_inherited(breakage, new_top, surfaces):
                continue
            explained = breakage.explain(style=griffe.ExplanationStyle("markdown"))
            # griffe names the object relative to its module (a module itself: `<module>`, a parameter `f(name)`)
            relative, _, what = explained.removeprefix("- `").partition("`: ")
            parameter = relative[relative.index("(") :] if relative.endswith(")") else ""
            report.breaking.append(f"python: `{breakage.obj.path}{parameter}`: {what}")
        for path in sorted(set(after) - set(before)):
            report.added.append(f"python: added {after[path].split('(')[0]} {path}")
        for path in sorted(set(before) & set(after)):
            if before[path] != after[path] and "(" in after[path]:
                old_params = set(before[path].split("(", 1)[1].rstrip(")").split(", "))
                new_params = set(after[path].split("(", 1)[1].rstrip(")").split(", "))
                for param in sorted(new_params - old_params - {""}):
                    report.added.append(f"python: {path}: parameter added: {param}")


def untracked_generated(root: Path = ROOT) -> list[str]:
    """New files in ``generated/`` that git does not track yet (``git diff --stat`` does not show them)."""
    lines = git("status", "--porcelain", "--untracked-files=all", "generated/", root=root).splitlines()
    return [line[3:] for line in lines if line.startswith("??")]


def package_version(text: str) -> tuple[int, ...]:
    match = VERSION.search(text)
    assert match, "pyproject.toml has no version"
    return tuple(int(part) for part in match.groups())


def version_ok(bump: str, old: tuple[int, ...], new: tuple[int, ...]) -> bool:
    """Whether the package version carries the bump the report calls for (0.x: a minor bump may break)."""
    if bump == "major":
        return new[0] > old[0] or (old[0] == 0 and new[:2] > old[:2])
    if bump == "minor":
        return new[:2] > old[:2]
    return new >= old


def _loaded(text: str, label: str) -> Any:
    """The spec's YAML, or one line naming where it cannot be read (as ``generate.py`` says it)."""
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{label}:{mark.line + 1}:{mark.column + 1}" if mark else label
        raise SystemExit(f"api_report: {where}: {exc.problem or exc.context}") from None


def build(base: str, root: Path = ROOT) -> tuple[Report, list[str], tuple[int, ...], tuple[int, ...]]:
    report = Report()
    old_spec = _loaded(git("show", f"{base}:{SPEC}", root=root), f"{SPEC} at {base}")
    new_spec = _loaded((root / SPEC).read_text(encoding="utf-8"), str(SPEC))
    for label, spec in ((f"{SPEC} at {base}", old_spec), (SPEC, new_spec)):
        try:
            operations(spec)
        except SpecError as exc:
            raise SystemExit(f"api_report: {label}: {exc}: operations are compared by id") from None
    compare_spec(old_spec, new_spec, report)
    compare_python(base, report, root)
    old_version = package_version(git("show", f"{base}:{PYPROJECT}", root=root))
    new_version = package_version((root / PYPROJECT).read_text(encoding="utf-8"))
    return report, untracked_generated(root), old_version, new_version


def render(base: str, report: Report, untracked: list[str], old: tuple[int, ...], new: tuple[int, ...]) -> str:
    dotted = ".".join
    lines = [f"# API change report against {base}", ""]
    for title, items in (("BREAKING", report.breaking), ("Added", report.added), ("Changed", report.changed)):
        lines.append(f"## {title} ({len(items)})")
        lines.extend(f"- {'BREAKING ' if title == 'BREAKING' else ''}{item}" for item in items)
        lines.append("")
    lines.append(f"## New untracked files in generated/ ({len(untracked)})")
    lines.extend(f"- {path}" for path in untracked)
    lines.append("")
    verdict = "ok" if version_ok(report.bump(), old, new) else "NOT BUMPED"
    lines.append(
        f"Semver: a {report.bump()} bump is due; package version {dotted(map(str, old))} -> "
        f"{dotted(map(str, new))}: {verdict}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base", help="git ref to compare with (default: the last tag, else the last commit changing the version)"
    )
    parser.add_argument("--check", action="store_true", help="fail when the version does not carry the bump")
    args = parser.parse_args(argv)
    base, how = (args.base, "given") if args.base else default_base(root)
    report, untracked, old, new = build(base, root)
    print(render(f"{base} ({how})", report, untracked, old, new))
    return 1 if args.check and not version_ok(report.bump(), old, new) else 0


if __name__ == "__main__":
    sys.exit(main())
