"""HTML to PDF with WeasyPrint, from the project's Django templates.

The document fetches nothing: every picture is inline SVG and the fonts are the system's,
so the URL fetcher allows no protocol at all (a stray address in user text, were it ever
to reach the markup, could load nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLE = (Path(__file__).resolve().parent / "pdf.css").read_text(encoding="utf-8")


def _css_string(text: str) -> str:
    """Text safe inside a CSS double-quoted string."""
    return "".join(ch if ch.isalnum() or ch in " .,-" else f"\\{ord(ch):x} " for ch in text)


def stylesheet() -> CSS:
    # The footer's word for "Page", in the reader's language.
    return CSS(string=STYLE.replace("PAGE_WORD", _css_string(_("Page"))))


def no_fetching() -> URLFetcher:
    return URLFetcher(allowed_protocols=frozenset(), allow_redirects=False, timeout=1)


def render_html(template: str, context: dict[str, Any]) -> str:
    return render_to_string(template, context)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_html(template, context)
    pdf = HTML(string=html, base_url=None, url_fetcher=no_fetching()).write_pdf(
        stylesheets=[stylesheet()]
    )
    assert pdf is not None
    return bytes(pdf)
