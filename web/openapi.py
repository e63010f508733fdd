"""The OpenAPI 3.1 document of /api/v1 (written out: five routes do not need a generator)."""

from __future__ import annotations

from typing import Any


def _q(name: str, desc: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": desc,
            "schema": schema or {"type": "string"}}  # fmt: skip


def _ok(desc: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": desc, "content": {"application/json": {"schema": schema}}},
            "400": {"description": "a bad parameter; the body says which",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}  # fmt: skip


ARRAY = {"type": "array", "items": {"type": "object"}}
STORY = {"name": "story_id", "in": "path", "required": True, "schema": {"type": "string"}}


def document(version: str = "0.1.0") -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "followup API",
            "version": version,
            "description": "The claim board of followup in the JSON shapes of its command line.",
        },
        "paths": {
            "/api/v1/stories": {"get": {"summary": "the watched stories (`followup stories --format json`)",
                                        "responses": _ok("stories", ARRAY)}},
            "/api/v1/stories/{story_id}/claims": {"get": {
                "summary": "each claim's status and evidence (`followup claims --format json`)",
                "parameters": [STORY, _q("as_of", "ISO 8601 date or timestamp (default now)"),
                               _q("min_confidence", "hide evidence below this confidence (0-1)",
                                  {"type": "number", "minimum": 0, "maximum": 1})],
                "responses": {**_ok("the claim board", {"type": "object"}),
                              "404": {"description": "unknown story"}}}},
            "/api/v1/articles": {"get": {
                "summary": "articles (`followup query --format json`)",
                "parameters": [_q("q", "search text"), _q("story", "story id"),
                               _q("entity", "entity id (repeatable)"), _q("source", "source name"),
                               _q("lang", "language code"), _q("since", "published on or after"),
                               _q("until", "published on or before"),
                               _q("limit", "at most N (1-1000, default 50)", {"type": "integer"}),
                               _q("include_duplicates", "1 to list copies too")],
                "responses": _ok("articles", ARRAY)}},
            "/api/v1/sources": {"get": {"summary": "sources and their health (`followup sources --format json`)",
                                        "responses": _ok("sources", ARRAY)}},
            "/api/v1/runs": {"get": {"summary": "the latest crawl runs",
                                     "parameters": [_q("limit", "how many (default 10)", {"type": "integer"})],
                                     "responses": _ok("runs", ARRAY)}},
            "/api/v1/changes": {"get": {
                "summary": "recorded claim status changes (`followup changes --format json`)",
                "parameters": [_q("story", "story id"), _q("since", "recorded on or after")],
                "responses": _ok("changes", ARRAY)}},
            "/api/v1/evidence/{evidence_id}/review": {"post": {
                "summary": "a reviewer's verdict on one evidence row; null clears it",
                "security": [{"bearer": []}],
                "parameters": [{"name": "evidence_id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["stance"],
                    "properties": {"stance": {"enum": ["supports", "contradicts", "updates",
                                                       "mentions", None]}}}}}},
                "responses": {"200": {"description": "the review"},
                              "401": {"description": "no token"}, "403": {"description": "wrong token, or reviews off"},
                              "404": {"description": "no such evidence"}}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "properties": {"error": {"type": "string"}}}},
        },
    }  # fmt: skip
