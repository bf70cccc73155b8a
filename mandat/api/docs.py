"""The OpenAPI schema flattened for the documentation page: each operation
with its parameters and the fields it reads and answers."""

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Field:
    name: str
    type: str
    required: bool
    description: str
    read_only: bool = False


@dataclass
class Operation:
    method: str
    path: str
    tag: str
    summary: str
    description: str
    parameters: list[Field] = field(default_factory=list)
    body: list[Field] = field(default_factory=list)
    answer: list[Field] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """``post-api-v1-registrations`` for ``POST /api/v1/registrations/``."""
        return "-".join(re.findall(r"[a-z0-9]+", f"{self.method} {self.path}".lower()))


def _resolve(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _type(spec: dict, schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " ".join(_type(spec, part) for part in schema["allOf"])
    if "oneOf" in schema:
        return " | ".join(_type(spec, part) for part in schema["oneOf"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"[{_type(spec, schema.get('items', {}))}]"
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"] if value)
    return kind + (f" ({schema['format']})" if "format" in schema else "")


def _fields(spec: dict, schema: dict) -> list[Field]:
    schema = _resolve(spec, schema)
    if schema.get("type") == "array":
        schema = _resolve(spec, schema.get("items", {}))
    if "properties" not in schema and "allOf" in schema:
        merged: dict[str, Any] = {"properties": {}, "required": []}
        for part in schema["allOf"]:
            part = _resolve(spec, part)
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        schema = merged
    required = set(schema.get("required", []))
    return [
        Field(
            name=name,
            type=_type(spec, value),
            required=name in required,
            description=value.get("description", ""),
            read_only=value.get("readOnly", False),
        )
        for name, value in schema.get("properties", {}).items()
    ]


def _answer(spec: dict, responses: dict) -> list[Field]:
    for code in ("200", "201"):
        content = responses.get(code, {}).get("content", {})
        if "application/json" in content:
            schema = _resolve(spec, content["application/json"]["schema"])
            # A page of results: describe one result.
            results = schema.get("properties", {}).get("results")
            return _fields(spec, results if results else schema)
    return []


def operations(spec: dict) -> list[Operation]:
    """Every operation of ``spec`` in the order of its paths."""
    found = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            body = operation.get("requestBody", {}).get("content", {})
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    tag=(operation.get("tags") or [""])[0],
                    summary=operation.get("summary", ""),
                    description=operation.get("description", ""),
                    parameters=[
                        Field(
                            name=parameter["name"],
                            type=_type(spec, parameter.get("schema", {})),
                            required=parameter.get("required", False),
                            description=parameter.get("description", ""),
                        )
                        for parameter in operation.get("parameters", [])
                    ],
                    body=_fields(spec, body["application/json"]["schema"])
                    if "application/json" in body
                    else [],
                    answer=_answer(spec, operation.get("responses", {})),
                    statuses=sorted(operation.get("responses", {})),
                )
            )
    return found
