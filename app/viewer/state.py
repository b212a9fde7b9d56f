"""Selections kept in the URL (``st.query_params``), so a view can be bookmarked and shared.

Each parameter is one session-state key: the key of the widget that sets it, or of a click on
the network. ``restore``, at the start of every run, takes a value from the URL when the URL
brings a new one (a bookmark, a link such as ``/actor?actor=person:x``) and otherwise keeps the
session's, so values survive pages that do not draw their widgets; ``publish``, at the end,
writes every value that differs from its default back to the URL. Lists are repeated
parameters (``labels=Person&labels=Party``), a date window is ``window=2019-01-01..2020-12-31``.

>>> parse("window", "2019-01-01..2020-12-31", None)
(datetime.date(2019, 1, 1), datetime.date(2020, 12, 31))
>>> dump("window", (dt.date(2019, 1, 1), dt.date(2020, 12, 31)))
'2019-01-01..2020-12-31'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

LISTS = {"labels", "types", "articles", "edge"}  # parameters that hold several values
WINDOW = "window"
PUBLISHED = "_published"  # what the last run wrote to the URL


def restore(defaults: dict[str, Any]) -> None:
    """Give each key its value for this run: from the URL if it brings a new one, else the session's
    (set again, as Streamlit forgets a widget's value on a run that does not draw it), else the default."""
    published = st.session_state.get(PUBLISHED, {})
    for key, default in defaults.items():
        raw = _from_url(key)
        if raw is not None and raw != published.get(key):
            try:
                st.session_state[key] = parse(key, raw, default)
                continue
            except ValueError:
                pass  # a hand-edited URL with a bad value: keep what the session had
        st.session_state[key] = st.session_state.get(key, default)


def publish(defaults: dict[str, Any]) -> None:
    """Write every value that differs from its default to the URL (and nothing else)."""
    params: dict[str, str | list[str]] = {}
    for key, default in defaults.items():
        value = st.session_state.get(key, default)
        if value != default and value not in (None, [], ()):
            params[key] = [dump(key, v) for v in value] if key in LISTS else dump(key, value)
    st.session_state[PUBLISHED] = params
    if params != {key: _from_url(key) for key in st.query_params}:
        st.query_params.from_dict(params)


def _from_url(key: str) -> str | list[str] | None:
    if key not in st.query_params:
        return None
    return st.query_params.get_all(key) if key in LISTS else st.query_params[key]


def parse(key: str, raw: str | list[str], default: Any) -> Any:
    """A URL value as the type its default has (``default`` None: text)."""
    if key in LISTS:
        return list(raw)
    if key == WINDOW:
        since, until = raw.split("..")
        return (dt.date.fromisoformat(since), dt.date.fromisoformat(until))
    if isinstance(default, bool):
        return raw == "true"
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


def dump(key: str, value: Any) -> str:
    if key == WINDOW:
        return f"{value[0].isoformat()}..{value[1].isoformat()}"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
