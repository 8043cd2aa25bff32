"""How the server reads a date: PHP's ``new \\DateTime($value)`` (timelib) for the forms clients send, the
``Datetime`` validator of utopia-php/database 7.2.6 (``src/Database/Validator/Datetime.php``) and the
re-reading of ``Database::convertQueries``.

:func:`read` returns the instant a text names, in UTC microseconds since 0000-01-01 (proleptic Gregorian,
PHP's calendar), or the message PHP's reader fails with (``Failed to parse time string (<text>) at position
<n> (<c>): <reason>``, the first error timelib records). It reads, as timelib does, ISO dates (``2024-01-01``,
``-0001-01-01``, ``2024/01/01``), US dates (``01/02/2024``), textual dates (``1 January 2024``, ``January 1,
2024``, ``Mon, 01 Jan 2024``), times (``10:20``, ``10:20:30.5``, a ``T`` or ``t`` before them, hours up to 24
and seconds up to 60 rolling over), four digits as a time (``2024`` is 20:24), ``@<timestamp>``, zones (``Z``,
``+05:30``, ``+0530``, ``UTC``, one-letter military zones, common abbreviations), ``now``, ``today``,
``midnight``, ``noon``, ``tomorrow``, ``yesterday``, day names and ``+1 day``-style offsets. A letter word it
does not know is an unknown time zone, as for PHP; other forms of timelib's large grammar (``next monday``,
ordinal words, ``Europe/Paris``) are reported as :data:`UNREAD` rather than guessed.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

__all__ = ["UNREAD", "civil_days", "read", "valid"]

UNREAD = "unread"
"""What :func:`read` returns for a form of timelib's grammar appwrite_dsl does not model."""

if TYPE_CHECKING:
    from typing import Union

    Instant = Union[int, str]
"""Microseconds since 0000-01-01T00:00:00Z, or PHP's message, or :data:`UNREAD`."""

_MICRO = 1_000_000
_DAY = 86_400 * _MICRO


def civil_days(year: int, month: int, day: int) -> int:
    """Days from 0000-01-01 to the given date (proleptic Gregorian; month and day may overflow)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    shifted = year - (month <= 2)
    era = shifted // 400
    yoe = shifted - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe + 60 + day - 1  # 0000-03-01 is day 60


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAYS = frozenset(
    [
        "monday",
        "mon",
        "tuesday",
        "tue",
        "tues",
        "wednesday",
        "wed",
        "thursday",
        "thu",
        "thur",
        "thurs",
        "friday",
        "fri",
        "saturday",
        "sat",
        "sunday",
        "sun",
    ]
)
_UNITS = {
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "hour": 3600,
    "hours": 3600,
    "day": 86400,
    "days": 86400,
    "week": 604800,
    "weeks": 604800,
    "fortnight": 1209600,
    "fortnights": 1209600,
}
_CALENDAR_UNITS = {"month": 1, "months": 1, "year": 12, "years": 12}
# Zone abbreviations (hours east of UTC); timelib knows many more, which read as UNREAD here.
_ZONES = {
    "utc": 0,
    "gmt": 0,
    "ut": 0,
    "wet": 0,
    "west": 1,
    "bst": 1,
    "cet": 1,
    "cest": 2,
    "met": 1,
    "mest": 2,
    "eet": 2,
    "eest": 3,
    "msk": 3,
    "ist": 2,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "akst": -9,
    "akdt": -8,
    "hst": -10,
    "jst": 9,
    "kst": 9,
    "aest": 10,
    "aedt": 11,
}
_RELATIVE_WORDS = frozenset(
    [
        "next",
        "last",
        "previous",
        "this",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "ago",
        "of",
        "back",
        "front",
        "weekday",
        "weekdays",
        "msec",
        "msecs",
        "millisecond",
        "milliseconds",
        "usec",
        "usecs",
        "microsecond",
        "microseconds",
    ]
)

_SPACE = re.compile(r"[ \t,.]+")
_DAY_OF_MONTH = r"(?:3[01]|[0-2]?[0-9])"
_MONTH_NUMBER = r"(?:1[0-2]|0?[0-9])"
_PATTERNS = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("iso", rf"(?P<isign>[+-])?(?P<iy>[0-9]{{4}})-(?P<im>{_MONTH_NUMBER})-(?P<id>{_DAY_OF_MONTH})"),
        ("isoym", rf"(?P<ymy>[0-9]{{4}})-(?P<ymm>{_MONTH_NUMBER})"),
        ("compact", r"(?P<cy>[0-9]{4})(?P<cm>0[0-9]|1[0-2])(?P<cd>0[0-9]|[12][0-9]|3[01])"),
        ("slashymd", rf"(?P<sy>[0-9]{{4}})/(?P<sm>{_MONTH_NUMBER})/(?P<sd>{_DAY_OF_MONTH})"),
        ("us", rf"(?P<um>{_MONTH_NUMBER})/(?P<ud>{_DAY_OF_MONTH})(?:/(?P<uy>[0-9]{{4}}|[0-9]{{2}}))?"),
        (
            "time",
            r"[Tt]?(?P<h>2[0-4]|[01]?[0-9])[:.](?P<mi>[0-5][0-9])"
            r"(?:[:.](?P<s>60|[0-5][0-9])(?:\.(?P<frac>[0-9]+))?)?",
        ),
        ("hhmm", r"[Tt]?(?P<h4>2[0-4]|[01][0-9])(?P<m4>[0-5][0-9])"),
        ("offset", r"(?P<osign>[+-])(?P<oh>[0-9]{1,2})(?::?(?P<om>[0-9]{2}))?"),
        ("rel", r"(?P<rsign>[+-]?)(?P<rn>[0-9]+)[ \t]*(?P<ru>[A-Za-z]+)"),
        (
            "dmy",
            rf"(?P<dd>{_DAY_OF_MONTH})(?:st|nd|rd|th)?[ \t.-]*(?P<dmon>[A-Za-z]+)[ \t.-]*(?P<dy>[0-9]{{4}})",
        ),
        (
            "mdy",
            rf"(?P<mmon>[A-Za-z]+)[ \t.-]*(?P<md>{_DAY_OF_MONTH})(?:st|nd|rd|th)?[ \t,.]+(?P<my>[0-9]{{4}})",
        ),
        ("stamp", r"@(?P<tsign>-?)(?P<ts>[0-9]+)"),
        ("word", r"(?P<word>[A-Za-z]+)"),
    )
)


def _longest(text: str, position: int) -> tuple[str, re.Match[str]] | None:
    """The longest token at ``position`` (timelib's scanner takes the longest match; the first on a tie)."""
    best: tuple[str, re.Match[str]] | None = None
    for name, pattern in _PATTERNS:
        match = pattern.match(text, position)
        if match is not None and (best is None or match.end() > best[1].end()):
            best = (name, match)
    return best


class _Reading:
    __slots__ = ("date", "days", "micro", "offset", "relative", "relative_to_now", "time", "weekday", "zone")

    def __init__(self) -> None:
        today = int(time.time()) // 86400 + civil_days(1970, 1, 1)
        self.days = today
        self.micro = 0
        self.date = self.time = self.zone = False
        self.offset = 0  # seconds east of UTC
        self.relative = 0  # microseconds added by relative parts (+1 day, @timestamp)
        self.relative_to_now = False  # tomorrow, yesterday: from today
        self.weekday: int | None = None  # a day name: move forward to it (0 is Monday)


def _fail(text: str, position: int, reason: str) -> str:
    char = text[position] if position < len(text) else ""
    return f"Failed to parse time string ({text}) at position {position} ({char}): {reason}"


_ISO = re.compile(
    r"([0-9]{4})-(1[0-2]|0[0-9])-(3[01]|[0-2][0-9])"
    r"(?:[Tt ](2[0-4]|[01][0-9]):([0-5][0-9])(?::(60|[0-5][0-9])(?:\.([0-9]+))?)?)?"
    r"(?:(Z)|([+-])([0-9]{2}):?([0-9]{2}))?"
)
_CACHE: dict[str, Instant] = {}


def read(text: str) -> Instant:
    """The instant ``new \\DateTime(text)`` names (UTC microseconds since 0000-01-01), PHP's message when it
    refuses the text, or :data:`UNREAD`."""
    found = _CACHE.get(text)
    if found is not None:
        return found
    iso = _ISO.fullmatch(text)
    if iso is not None:  # the common form, read directly
        year, month, day, hour, minute, second, fraction, _, sign, zone_hours, zone_minutes = iso.groups()
        seconds = int(hour or 0) * 3600 + int(minute or 0) * 60 + int(second or 0)
        offset = (int(zone_hours) * 3600 + int(zone_minutes) * 60) * (-1 if sign == "-" else 1) if sign else 0
        micro = int((fraction or "")[:6].ljust(6, "0"))
        found = civil_days(int(year), int(month), int(day)) * _DAY + (seconds - offset) * _MICRO + micro
    else:
        state = _Reading()
        found = _read(text, state)
        if not state.date or state.relative_to_now:
            return found  # the answer depends on the clock: not kept
    if len(_CACHE) >= 4096:
        _CACHE.clear()
    _CACHE[text] = found
    return found


def _read(text: str, state: _Reading) -> Instant:
    position, length = 0, len(text)
    while True:
        space = _SPACE.match(text, position)
        if space is not None:
            position = space.end()
        if position >= length:
            break
        found = _longest(text, position)
        if found is None:
            return _fail(text, position, "Unexpected character")
        outcome = _apply(state, found[0], found[1], text, position)
        if outcome is not None:
            return outcome
        position = found[1].end()
    if state.weekday is not None:
        state.days += (state.weekday - (state.days + 5) % 7) % 7  # 0000-01-01 was a Saturday
    return state.days * _DAY + state.micro + state.relative - state.offset * _MICRO


_DATES = frozenset(("iso", "isoym", "compact", "slashymd", "us", "dmy", "mdy"))


def _date(state: _Reading, kind: str, match: re.Match[str], text: str, position: int) -> str | None:
    group = match.group
    if state.date:
        return _fail(text, position, "Double date specification")
    state.date = True
    if kind == "iso":
        year = int(group("iy")) * (-1 if group("isign") == "-" else 1)
        state.days = civil_days(year, int(group("im")), int(group("id")))
    elif kind == "isoym":
        state.days = civil_days(int(group("ymy")), int(group("ymm")), 1)
    elif kind == "compact":
        state.days = civil_days(int(group("cy")), int(group("cm")), int(group("cd")))
    elif kind == "slashymd":
        state.days = civil_days(int(group("sy")), int(group("sm")), int(group("sd")))
    elif kind == "us":
        year_text = group("uy")
        year = _current_year() if year_text is None else int(year_text)
        state.relative_to_now = state.relative_to_now or year_text is None
        if year_text is not None and len(year_text) == 2:
            year += 2000 if year < 70 else 1900
        state.days = civil_days(year, int(group("um")), int(group("ud")))
    else:
        dmy = kind == "dmy"
        month = _MONTHS.get(group("dmon" if dmy else "mmon").lower())
        if month is None:
            return UNREAD if dmy else _fail(text, position, "The timezone could not be found in the database")
        state.days = civil_days(int(group("dy" if dmy else "my")), month, int(group("dd" if dmy else "md")))
    return None


def _apply(state: _Reading, kind: str, match: re.Match[str], text: str, position: int) -> str | None:
    group = match.group
    if kind in _DATES:
        return _date(state, kind, match, text, position)
    if kind in ("time", "hhmm"):
        if state.time:
            return _fail(text, position, "Double time specification")
        state.time = True
        if kind == "time":
            fraction = (group("frac") or "")[:6].ljust(6, "0")
            seconds = int(group("h")) * 3600 + int(group("mi")) * 60 + int(group("s") or 0)
            state.micro = seconds * _MICRO + int(fraction)
        else:
            state.micro = (int(group("h4")) * 3600 + int(group("m4")) * 60) * _MICRO
        return None
    if kind == "offset":
        if state.zone:
            return _fail(text, position, "Double timezone specification")
        state.zone = True
        hours, minutes = int(group("oh")), int(group("om") or 0)
        state.offset = (hours * 3600 + minutes * 60) * (-1 if group("osign") == "-" else 1)
        return None
    if kind == "rel":
        unit = group("ru").lower()
        amount = int(group("rn")) * (-1 if group("rsign") == "-" else 1)
        if unit in _UNITS:
            state.relative += amount * _UNITS[unit] * _MICRO
            return None
        if unit in _CALENDAR_UNITS:
            return UNREAD  # month arithmetic clamps days as timelib does; not modelled
        return UNREAD if unit in _RELATIVE_WORDS or unit in _MONTHS else _unknown(text, position, match)
    if kind == "stamp":
        seconds = int(group("ts")) * (-1 if group("tsign") else 1)
        state.date = state.time = False
        state.zone = True
        state.days = civil_days(1970, 1, 1)
        state.micro, state.offset = 0, 0
        state.relative += seconds * _MICRO
        return None
    return _word(state, match, text, position)


def _current_year() -> int:
    return time.gmtime().tm_year


def _unknown(text: str, position: int, match: re.Match[str]) -> str:
    word = match.start("ru") if "ru" in match.re.groupindex else position
    return _fail(text, word, "The timezone could not be found in the database")


def _word(state: _Reading, match: re.Match[str], text: str, position: int) -> str | None:
    word = match.group("word").lower()
    if word == "now":
        return None
    if word in ("today", "midnight", "tomorrow", "yesterday", "noon"):
        if word in ("tomorrow", "yesterday"):
            state.relative += (1 if word == "tomorrow" else -1) * _DAY
            state.relative_to_now = True
        state.time = word == "noon"
        state.micro = 12 * 3600 * _MICRO if word == "noon" else 0
        return None
    if word in _DAYS:
        state.weekday = _WEEKDAYS.index(word[:3])
        state.time, state.micro = False, 0
        return None
    if word in _MONTHS:
        return UNREAD  # a month name without day and year: not modelled
    if word in _ZONES or (len(word) == 1 and word != "j"):
        if state.zone:
            return _fail(text, position, "Double timezone specification")
        state.zone = True
        state.offset = _military(word) if len(word) == 1 else _ZONES[word] * 3600
        return None
    if word in _RELATIVE_WORDS or word in _UNITS or word in _CALENDAR_UNITS:
        return UNREAD
    return _fail(text, position, "The timezone could not be found in the database")


def _military(letter: str) -> int:
    if letter == "z":
        return 0
    code = ord(letter) - ord("a")
    if letter <= "i":
        return (code + 1) * 3600
    if letter <= "m":
        return code * 3600  # k=10, l=11, m=12 (j is not a zone)
    return -(ord(letter) - ord("n") + 1) * 3600


_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")


_YEARS: dict[str, int] = {}


def _year(text: str) -> int:
    """The first standalone run of four digits in ``text`` as a number (-1 for none), kept like
    :func:`read`'s instants."""
    year = _YEARS.get(text)
    if year is None:
        found = _YEAR.search(text)
        year = -1 if found is None else int(found.group(1))
        if len(_YEARS) >= 4096:
            _YEARS.clear()
        _YEARS[text] = year
    return year


def valid(value: object, low: int, high: int, low_year: int, high_year: int) -> bool | None:
    """The ``Datetime`` validator: a non-empty string PHP reads, whose first standalone run of four digits is
    a year within the bounds' years, and whose instant lies within ``[low, high]``; None when the answer
    depends on a form :func:`read` does not model."""
    if type(value) is not str or value in ("", "0"):
        return False
    instant = read(value)
    if type(instant) is str and instant is not UNREAD:
        return False
    year = _year(value)
    if year < 0 or not low_year <= year <= high_year:
        return False
    if instant is UNREAD:
        return None
    return low <= instant <= high  # type: ignore[operator]
