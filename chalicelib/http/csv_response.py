"""The one way a route answers with CSV: UTF-8 text offered as a download."""

from __future__ import annotations

from chalice import Response


def csv_response(text: str, filename: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        body=text,
        status_code=200,
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
            **(headers or {}),
        },
    )
