"""HTML to PDF with WeasyPrint, from the project's Django templates.

The document fetches nothing: every picture is inline SVG and the fonts are the system's,
so the URL fetcher refuses every address (a stray link in user text can reach nothing).
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML


class NothingToFetch(ValueError):
    pass


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise NothingToFetch(f"documents fetch nothing: {url[:80]}")


def render_html(template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, context)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_html(template, context)
    pdf = HTML(string=html, base_url=None, url_fetcher=_no_fetching).write_pdf()
    assert pdf is not None
    return bytes(pdf)
