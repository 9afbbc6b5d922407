"""Write core/api/reference.md from the OpenAPI schema the server serves at /openapi.json.

    python3 tests/tools/write_api_docs.py           # (re)write core/api/reference.md
    python3 tests/tools/write_api_docs.py --check   # exit 1 when it is out of date

The schema comes from the real app (``create_app`` on a throwaway core in a temporary data dir,
with default settings and no environment), so the document says exactly what the server
answers: every route with the secret it takes, its parameters, request and response fields,
and its statuses. tests/core/api/test_api_docs.py fails while core/api/reference.md is out
of date.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "core" / "api" / "reference.md"
SCRIPT = "tests/tools/write_api_docs.py"

Schema = dict[str, Any]
#: FastAPI's name for a form body it made up for one route: shown with the route.
INLINE_PREFIX = "Body_"


def served_schema() -> Schema:
    """The document GET /openapi.json answers, from the real app on a throwaway core."""
    sys.path.insert(0, str(REPO))
    from core.api.app import create_app
    from core.bootstrap import build_core
    from core.config import CoreConfig

    with tempfile.TemporaryDirectory(prefix="proctor-api-docs-") as data_dir:
        core = build_core(CoreConfig.load(data_dir=data_dir, env={}), analysis=False)
        try:
            return create_app(core).openapi()
        finally:
            core.close()


# ---- rendering -----------------------------------------------------------------------------------
def cell(text: object) -> str:
    """One Markdown table cell: a single line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def link(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def type_of(schema: Schema) -> str:
    """A field's type in words: ``string (date-time)``, ``list of [EventView](#eventview)``."""
    if "$ref" in schema:
        return link(ref_name(schema["$ref"]))
    for key in ("anyOf", "oneOf"):
        if key in schema:
            kinds = [type_of(s) for s in schema[key]]
            return " or ".join(dict.fromkeys(kinds))
    if "allOf" in schema:
        return " and ".join(type_of(s) for s in schema["allOf"])
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v}`" for v in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type", "any")
    if kind == "array":
        return "list of " + type_of(schema.get("items", {}))
    if kind == "string" and (schema.get("format") in ("binary", "byte")
                             or "contentMediaType" in schema):
        return "file"
    if kind == "object" and "additionalProperties" in schema:
        values = schema["additionalProperties"]
        return "object" if values is True else f"object of {type_of(values)}"
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return str(kind)


def rules_of(schema: Schema) -> str:
    """Constraints, default and description of a field, in one line."""
    notes: list[str] = []
    merged = dict(schema)
    for option in schema.get("anyOf", []):
        merged = {**option, **merged}
    bounds = (
        ("minLength", "at least {} characters"), ("maxLength", "at most {} characters"),
        ("minimum", "≥ {}"), ("maximum", "≤ {}"),
        ("exclusiveMinimum", "> {}"), ("exclusiveMaximum", "< {}"),
        ("minItems", "at least {} items"), ("maxItems", "at most {} items"),
        ("pattern", "matches `{}`"),
    )
    notes.extend(text.format(merged[key]) for key, text in bounds if key in merged)
    if "default" in schema and schema["default"] is not None:
        notes.append(f"default `{json.dumps(schema['default'])}`")
    if schema.get("description"):
        notes.append(schema["description"])
    return "; ".join(notes)


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return lines


def secret_of(operation: Schema) -> str:
    requirements = operation.get("security") or []
    names = [name for requirement in requirements for name in requirement]
    return " or ".join(f"`{name}`" for name in names) if names else "none"


def body_of(content: Schema) -> tuple[str, str]:
    """(media type, schema in words) of a request or response body; ('', '') when empty."""
    for media_type, media in content.items():
        schema = media.get("schema")
        return media_type, type_of(schema) if schema else ""
    return "", ""


def operations(schema: Schema) -> list[tuple[str, str, Schema]]:
    return [(method.upper(), path, operation)
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()]


def anchor(method: str, path: str) -> str:
    text = f"{method} {path}".lower()
    return "".join(c for c in text if c.isalnum() or c in " -_").replace(" ", "-")


def success_of(operation: Schema) -> str:
    return ", ".join(s for s in operation["responses"] if s.startswith("2"))


def errors_of(operation: Schema) -> str:
    return ", ".join(sorted(s for s in operation["responses"] if not s.startswith("2")))


def render(schema: Schema) -> str:
    info = schema["info"]
    schemas: dict[str, Schema] = schema.get("components", {}).get("schemas", {})
    lines = [
        f"# {info['title']} {info['version']}",
        "",
        f"Generated by `{SCRIPT}` from the OpenAPI schema the server serves at",
        "`/openapi.json`; do not edit it by hand. After changing a route or a field, run",
        f"`python3 {SCRIPT}`: `tests/core/api/test_api_docs.py` fails while this file",
        "is out of date.",
        "",
        info.get("description", ""),
        "",
        "## Secrets",
        "",
        "A protected route takes `Authorization: Bearer <secret>`. Without a valid secret it",
        "answers 401; with a valid secret of another kind, 403. Errors have the body",
        f"{link('ErrorBody')}: a sentence in `detail`.",
        "",
    ]
    schemes = schema.get("components", {}).get("securitySchemes", {})
    lines += table(["secret", "what it is"],
                   ([f"`{name}`", s.get("description", "")] for name, s in schemes.items()))
    lines += ["", "## Routes", ""]
    lines += table(
        ["method", "path", "secret", "what it does", "success", "errors"],
        ([method, f"[`{path}`](#{anchor(method, path)})", secret_of(op), op.get("summary", ""),
          success_of(op), errors_of(op)] for method, path, op in operations(schema)),
    )
    for method, path, op in operations(schema):
        lines += ["", f"### {method} {path}", "", op.get("summary", "")]
        if op.get("description"):
            lines += ["", " ".join(op["description"].split())]
        lines += ["", f"Secret: {secret_of(op)}."]
        parameters = op.get("parameters", [])
        if parameters:
            lines += ["", "Parameters:", ""]
            lines += table(["name", "in", "type", "required", "rules"], (
                [f"`{p['name']}`", p["in"], type_of(p.get("schema", {})),
                 "yes" if p.get("required") else "no", rules_of(p.get("schema", {}))
                 + ("; " + p["description"] if p.get("description") else "")]
                for p in parameters))
        if "requestBody" in op:
            content = op["requestBody"].get("content", {})
            media_type, kind = body_of(content)
            required = "required" if op["requestBody"].get("required") else "optional"
            ref = next(iter(content.values()), {}).get("schema", {}).get("$ref", "")
            if ref_name(ref).startswith(INLINE_PREFIX):
                lines += ["", f"Request body ({media_type}, {required}), fields:", ""]
                lines += fields_of(schemas[ref_name(ref)])
            else:
                lines += ["", f"Request body ({media_type}, {required}): {kind}"]
        lines += ["", "Responses:", ""]
        lines += table(["status", "meaning", "body"], (
            [status, response.get("description", ""), response_body(response)]
            for status, response in sorted(op["responses"].items())))
    lines += ["", "## Bodies", ""]
    for name, body in schemas.items():
        if name.startswith(INLINE_PREFIX):
            continue  # shown with its route
        lines += [f"### {name}", ""]
        if body.get("description"):
            lines += [" ".join(body["description"].split()), ""]
        lines += fields_of(body)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def fields_of(body: Schema) -> list[str]:
    required = set(body.get("required", []))
    properties = body.get("properties", {})
    if not properties:
        return [type_of(body)]
    return table(["field", "type", "required", "rules"], (
        [f"`{field}`", type_of(prop), "yes" if field in required else "no", rules_of(prop)]
        for field, prop in properties.items()))


def response_body(response: Schema) -> str:
    media_type, kind = body_of(response.get("content", {}))
    if not media_type:
        return ""
    return f"{kind} ({media_type})" if kind else media_type


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when the file is out of date")
    parser.add_argument("--output", type=Path, default=DOC, help="default: core/api/reference.md")
    args = parser.parse_args(argv)
    text = render(served_schema())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date with /openapi.json: run python3 {SCRIPT}")
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
