from __future__ import annotations

from alsmove.web.templatetags.alsmove import get, message


def test_message_fills_the_placeholders_of_a_stored_core_message() -> None:
    stored = {
        "text": "Pain {pain} out of 10 during {exercise}.",
        "params": {"pain": 5, "exercise": "X"},
    }
    assert message(stored) == "Pain 5 out of 10 during X."


def test_message_of_something_that_is_not_a_stored_message_is_empty() -> None:
    assert message(None) == "" and message({"params": {}}) == ""


def test_get_reads_a_list_by_index_and_a_dict_by_int_or_str_key() -> None:
    assert get(["Mon", "Tue"], 1) == "Tue"
    assert get({"3": "Thu"}, 3) == "Thu"
    assert get(["Mon"], 5) is None
