"""The headers that keep a browser from running or framing anything we did not serve,
and the templates that make the strict CSP possible (no inline script or style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from signin_support import sign_in

from alsmove.demo.seed import Demo

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "alsmove").rglob("templates/**/*.html"))


@pytest.mark.parametrize("path", ["/", "/library/", "/resources/", "/accounts/login/"])
def test_every_page_forbids_inline_script_and_framing(demo: Demo, path: str) -> None:
    answer = Client().get(path)
    policy = answer["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"


def test_a_signed_in_page_keeps_the_same_policy(demo: Demo) -> None:
    client = Client()
    sign_in(client, demo.person)
    assert "script-src 'self'" in client.get("/", follow=True)["Content-Security-Policy"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_has_inline_script_or_style(template: Path) -> None:
    html = template.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, (template, tag)
    assert "<style" not in html, template
    assert not re.search(r"\sstyle=", html), template
    assert not re.search(r"\son[a-z]+=", html), template  # no inline event handlers
