"""Reading ALSFRS-R QuestionnaireResponses out of a FHIR Bundle, refusing what is wrong.

Pure: the caller checks the dates against the record (onset, the person's today) and
stores. Every problem names the entry (1 = the bundle's first entry) and says what to
fix. Entries of other resource types are passed over: a whole-record export can be
imported as it is, and only its responses are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from alsmove.core.alsfrs import ITEMS_BY_ID, AlsfrsError, parse_items
from alsmove.core.i18n import Message, gettext_noop
from alsmove.interop.fhir.codes import (
    ALSFRS_SYSTEM,
    QUESTIONNAIRE_URL,
    QUESTIONNAIRE_VERSION,
    SOURCE_SYSTEM,
    answer_code,
)
from alsmove.interop.fhir.questionnaire import TUBE_LINK_ID

MAX_RESPONSES = 1000
SOURCES = ("clinician", "self_report")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")

ENTRY_PROBLEM = gettext_noop("entry {entry}: {problem}")


@dataclass(frozen=True)
class Problem:
    """Why a bundle (or one of its entries) cannot be imported."""

    message: Message
    entry: int | None = None  # 1-based; None for the bundle as a whole

    def render(
        self,
        translate: Callable[[str], str] = lambda text: text,
        number: Callable[[float], str] = str,
        day: Callable[[str], str] = lambda iso: iso,
    ) -> str:
        text = self.message.render(translate, number, day)
        if self.entry is None:
            return text
        return translate(ENTRY_PROBLEM).format(entry=self.entry, problem=text)


class BundleError(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem


@dataclass(frozen=True)
class Response:
    entry: int
    taken_on: date
    items: dict[str, int]
    source: str | None  # the tag an ALS Move export carries; None from elsewhere


@dataclass(frozen=True)
class Skipped:
    entry: int
    message: Message

    def render(
        self,
        translate: Callable[[str], str] = lambda text: text,
        number: Callable[[float], str] = str,
        day: Callable[[str], str] = lambda iso: iso,
    ) -> str:
        return Problem(self.message, self.entry).render(translate, number, day)


def _fail(entry: int | None, text: str, **params: str | int) -> BundleError:
    return BundleError(Problem(Message(text, params), entry))


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _questionnaire_ok(value: object) -> bool:
    if not isinstance(value, str):
        return False
    url, _, version = value.partition("|")
    return url == QUESTIONNAIRE_URL and version in ("", QUESTIONNAIRE_VERSION)


def _source(resource: Mapping[str, Any]) -> str | None:
    meta = resource.get("meta")
    tags = meta.get("tag") if isinstance(meta, Mapping) else None
    if not isinstance(tags, list):
        return None
    for tag in tags:
        if isinstance(tag, Mapping) and tag.get("system") == SOURCE_SYSTEM:
            code = tag.get("code")
            return code if code in SOURCES else None
    return None


def _only_answer(entry: int, item: Mapping[str, Any], link_id: str) -> Mapping[str, Any]:
    answers = item.get("answer")
    if not isinstance(answers, list) or not answers:
        raise _fail(entry, gettext_noop("item {item} has no answer"), item=link_id)
    if len(answers) > 1:
        raise _fail(entry, gettext_noop("item {item} has more than one answer"), item=link_id)
    answer = answers[0]
    if not isinstance(answer, Mapping):
        raise _fail(
            entry,
            gettext_noop("answer to item {item} is not one of the allowed answers"),
            item=link_id,
        )
    return answer


def _score(entry: int, link_id: str, answer: Mapping[str, Any]) -> int:
    coding = answer.get("valueCoding")
    if isinstance(coding, Mapping) and coding.get("system") == ALSFRS_SYSTEM:
        for score in range(5):
            if coding.get("code") == answer_code(link_id, score):
                return score
    raise _fail(
        entry,
        gettext_noop("answer to item {item} is not one of the allowed answers"),
        item=link_id,
    )


def read_response(entry: int, resource: Mapping[str, Any]) -> Response:
    """One QuestionnaireResponse of the ALS Move ALSFRS-R, or BundleError naming `entry`."""
    if not _questionnaire_ok(resource.get("questionnaire")):
        raise _fail(
            entry, gettext_noop("the response is not for the ALS Move ALSFRS-R questionnaire")
        )
    if resource.get("status") not in ("completed", "amended"):
        raise _fail(entry, gettext_noop("the response is not marked as completed"))
    taken_on = _date(resource.get("authored"))
    if taken_on is None:
        raise _fail(entry, gettext_noop("the date (authored) is missing or not a date"))
    raw_items = resource.get("item")
    if not isinstance(raw_items, list) or not raw_items:
        raise _fail(entry, gettext_noop("the response has no answers"))
    items: dict[str, int] = {}
    tube: bool | None = None
    seen: set[str] = set()
    for item in raw_items:
        link_id = item.get("linkId") if isinstance(item, Mapping) else None
        if not isinstance(link_id, str) or (link_id not in ITEMS_BY_ID and link_id != TUBE_LINK_ID):
            raise _fail(entry, gettext_noop("unknown item '{item}'"), item=str(link_id)[:40])
        if link_id in seen:
            raise _fail(entry, gettext_noop("item {item} is answered twice"), item=link_id)
        seen.add(link_id)
        answer = _only_answer(entry, item, link_id)
        if link_id == TUBE_LINK_ID:
            value = answer.get("valueBoolean")
            if not isinstance(value, bool):
                raise _fail(entry, gettext_noop("the feeding tube answer must be true or false"))
            tube = value
            continue
        items[link_id] = _score(entry, link_id, answer)
    if tube is not None and (("5b" in items) != tube or ("5a" in items) == tube):
        raise _fail(
            entry,
            gettext_noop(
                "the feeding tube answer does not match item 5 (5a without a tube, 5b with one)"
            ),
        )
    try:
        scores = parse_items(items)
    except AlsfrsError as error:
        raise BundleError(Problem(error.message, entry)) from None
    return Response(entry, taken_on, dict(scores.items), _source(resource))


def read_bundle(data: object) -> list[Response]:
    """Every ALSFRS-R response in the bundle, in entry order; BundleError at the first
    problem (nothing is imported from a bundle with any problem)."""
    if not isinstance(data, Mapping) or data.get("resourceType") != "Bundle":
        raise _fail(None, gettext_noop("The file is not a FHIR Bundle."))
    entries = data.get("entry")
    if not isinstance(entries, list) or not entries:
        raise _fail(None, gettext_noop("The bundle has no entries."))
    found: list[Response] = []
    for number, entry in enumerate(entries, start=1):
        resource = entry.get("resource") if isinstance(entry, Mapping) else None
        if not isinstance(resource, Mapping) or not isinstance(resource.get("resourceType"), str):
            raise _fail(number, gettext_noop("the entry holds no resource"))
        if resource["resourceType"] != "QuestionnaireResponse":
            continue
        found.append(read_response(number, resource))
        if len(found) > MAX_RESPONSES:
            raise _fail(
                None,
                gettext_noop("The bundle holds more than {count} responses; split it up."),
                count=MAX_RESPONSES,
            )
    if not found:
        raise _fail(None, gettext_noop("The bundle holds no ALSFRS-R questionnaire responses."))
    return found


def one_a_day(
    responses: list[Response], default_source: str
) -> tuple[list[Response], list[Skipped]]:
    """One response a day for each kind of author, as the record keeps one (a clinician's
    rating and a self-report may share a day, ALSFRS-SOURCE-01). A response without an
    ALS Move source tag counts as `default_source` (the importer's kind).

    The same answers twice: the first is kept and the copy skipped. Two different
    responses of one kind for one day: refused.
    """
    kept: dict[tuple[object, str], Response] = {}
    skipped: list[Skipped] = []
    for response in responses:
        source = response.source or default_source
        response = Response(response.entry, response.taken_on, response.items, source)
        first = kept.get((response.taken_on, source))
        if first is None:
            kept[(response.taken_on, source)] = response
            continue
        params: dict[str, str | int] = {"day": response.taken_on.isoformat(), "other": first.entry}
        if response.items != first.items:
            raise _fail(
                response.entry,
                gettext_noop("entry {other} has different answers for the same day, {day}"),
                **params,
            )
        text = gettext_noop("the same answers for {day} are in entry {other}; this copy is skipped")
        skipped.append(Skipped(response.entry, Message(text, params)))
    return sorted(kept.values(), key=lambda r: r.entry), skipped
