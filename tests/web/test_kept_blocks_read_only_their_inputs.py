"""A `{% keep %}` block is drawn once and shown to everyone with the same inputs, so it may
read nothing but the inputs it names (and the page's language): a person's name or a
token inside one would be shown to the next person. This reads every template and fails
on a kept block that reads anything else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.template import engines
from django.template.base import FilterExpression, Node, Token, TokenType, Variable
from django.template.defaulttags import ForNode, TemplateLiteral
from django.template.library import SimpleNode

from alsmove.web.templatetags.alsmove import KeepNode

ROOT = Path(__file__).resolve().parents[2] / "alsmove"
ALWAYS = {"LANGUAGE_CODE"}  # the key holds the page's language


def _templates() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.html") if "{% keep" in p.read_text(encoding="utf-8"))


def _nodes(node: Any) -> Iterator[Node]:
    """The node and every node inside it (if branches included)."""
    yield node
    for name in getattr(node, "child_nodelists", ()):
        for child in getattr(node, name, None) or ():
            yield from _nodes(child)
    for _, nodelist in getattr(node, "conditions_nodelists", ()):
        for child in nodelist:
            yield from _nodes(child)


def _variables(value: Any, depth: int = 0) -> Iterator[str]:
    """The variables an attribute of a node reads: expressions, their filters' arguments,
    if conditions, tag arguments (lists and dicts of them)."""
    if isinstance(value, Variable):
        if value.lookups is not None:  # not a literal ("Home", 3)
            yield str(value.var)
    elif isinstance(value, Token):  # {{ name }} inside a blocktranslate
        if value.token_type is TokenType.VAR:
            yield value.contents.split("|")[0].strip()
    elif isinstance(value, FilterExpression):
        yield from _variables(value.var, depth + 1)
        for _, args in value.filters:
            for _, argument in args:
                yield from _variables(argument, depth + 1)
    elif isinstance(value, TemplateLiteral):
        yield from _variables(value.value, depth + 1)
    elif depth < 4 and isinstance(value, list | tuple):
        for item in value:
            if not isinstance(item, Node):  # a child node list is walked on its own
                yield from _variables(item, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for item in value.values():
            yield from _variables(item, depth + 1)
    elif depth < 2 and hasattr(value, "__dict__") and not isinstance(value, Node):
        for item in vars(value).values():  # an if condition's operator and its operands
            yield from _variables(item, depth + 1)


def _read(block: KeepNode) -> tuple[set[str], set[str]]:
    """(what the block reads, the names it defines itself: loop and `as` variables)."""
    read: set[str] = set()
    defined: set[str] = set()
    for node in (n for child in block.nodelist for n in _nodes(child)):
        if isinstance(node, ForNode):
            defined.update(node.loopvars)
        if isinstance(node, SimpleNode) and node.target_var:
            defined.add(node.target_var)
        for attribute in vars(node).values():
            read.update(_variables(attribute))
    return read, defined


def _blocks(source: str) -> list[KeepNode]:
    template = engines["django"].from_string(source).template  # type: ignore[attr-defined]
    found = (n for top in template.nodelist for n in _nodes(top))
    return list({id(n): n for n in found if isinstance(n, KeepNode)}.values())


def _stray(block: KeepNode) -> set[str]:
    allowed = {str(expression.token) for expression in block.inputs} | ALWAYS
    read, defined = _read(block)
    return {name for name in read if name not in allowed and name.split(".")[0] not in defined}


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_kept_block_reads_only_the_inputs_it_names(path: Path) -> None:
    blocks = _blocks(path.read_text(encoding="utf-8"))
    assert blocks
    for block in blocks:
        assert not _stray(block), f"a kept block in {path.name} reads {sorted(_stray(block))}"


def test_there_is_a_template_with_kept_blocks_to_check() -> None:
    assert any(path.name == "base.html" for path in _templates())


@pytest.mark.parametrize(
    "body",
    [
        "{{ user.display_name }}",
        "{% if user.is_staff %}x{% endif %}",
        "{{ user.role|default:patient.display_name }}",
        "{% url 'web:home' %}{% blocktranslate %}{{ csrf_token }}{% endblocktranslate %}",
        "{% for item in patient.items %}{{ item }}{% endfor %}",
    ],
)
def test_the_check_finds_a_block_that_reads_something_else(body: str) -> None:
    (block,) = _blocks("{% load i18n alsmove %}{% keep user.role %}" + body + "{% endkeep %}")
    assert _stray(block)


def test_the_check_lets_a_block_read_its_inputs_and_its_own_loop() -> None:
    (block,) = _blocks(
        "{% load alsmove %}{% keep user.role %}{% own_language_names as names %}"
        "{% for code, name in names %}{{ code }}{{ name }}{{ user.role }}{% endfor %}"
        "{{ LANGUAGE_CODE }}{% endkeep %}"
    )
    assert not _stray(block)
