"""Reading the OpenAPI document in tests, independently of the sandbox's own reading."""

from __future__ import annotations

from typing import Any


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` chain followed within ``spec`` (parameters, responses, bodies, schemas)."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node
