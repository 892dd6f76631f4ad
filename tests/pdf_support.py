"""Reading the PDFs the documents app makes: text, pages and the size of the body text."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from pypdf import PdfReader


def reader(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF-"), content[:20]
    return PdfReader(io.BytesIO(content))


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(content).pages)


def flat(content: bytes) -> str:
    """The text with every run of white space made one space (lines wrap anywhere)."""
    return " ".join(text_of(content).split())


def body_size(content: bytes) -> float:
    """The font size (points) that most characters of the document are set in."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        scale = abs(tm[3] * cm[3]) or 1
        if text.strip():
            sizes[round(size * scale, 1)] += len(text.strip())

    for page in reader(content).pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]
