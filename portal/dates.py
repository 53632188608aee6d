"""The portal's one way of writing dates and times, in every app and in e-mails.

Short: «28. nov.» («28. nov. 2025» in another year). Long: «28. november 2026». Month names
lowercase, as Norwegian writes them (Django's «M» gives «Nov»). Time since: «for 3 timer
siden», and «nå nettopp» under a minute, never «for 0 minutter siden».

Working days too: Monday to Friday except Norway's public holidays (helligdager), the calendar
of the callback queue's two working days (the queue's «late» and the office's figures).
"""

from datetime import date, datetime, timedelta
from functools import cache

from dateutil.easter import easter
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext

JUST_NOW = timedelta(minutes=1)


def _day(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_date(value: date | datetime | None) -> str:
    """«28. nov.», with the year when it is not this year: «28. nov. 2025»."""
    if not value:
        return ""
    value = _day(value)
    if value.year == timezone.localdate().year:
        return date_format(value, "j. N")
    return date_format(value, "j. N Y")


def long_date(value: date | datetime | None) -> str:
    """«28. november 2026»."""
    if not value:
        return ""
    return date_format(_day(value), "j. F Y")


def weekday_date(value: date | datetime | None) -> str:
    """«tirsdag 8. desember»: the board's events, read from across the room within the year."""
    return date_format(_day(value), "l j. F") if value else ""


def day_month(value: date | datetime | None) -> str:
    """«8. desember»: the board's deadlines and starts, within the year."""
    return date_format(_day(value), "j. F") if value else ""


def _time(value: datetime) -> str:
    return gettext("at %(time)s") % {"time": date_format(_day(value), "H:i")}


def short_datetime(value: datetime | None) -> str:
    """«28. nov. kl. 14:05»."""
    return f"{short_date(value)} {_time(value)}" if value else ""


def long_datetime(value: datetime | None) -> str:
    """«28. november 2026 kl. 14:05»."""
    return f"{long_date(value)} {_time(value)}" if value else ""


def ago(value: datetime | None, now: datetime | None = None) -> str:
    """«for 3 timer siden»; «nå nettopp» for less than a minute (or a time a clock put ahead)."""
    if not value:
        return ""
    now = now or timezone.now()
    if now - value < JUST_NOW:
        return gettext("just now")
    return gettext("%(time)s ago") % {"time": timesince(value, now)}


@cache
def public_holidays(year: int) -> frozenset[date]:
    """Norway's public holidays: New Year's Day, Maundy Thursday, Good Friday, Easter Sunday
    and Monday, 1 May, 17 May, Ascension Day, Whit Sunday and Monday, Christmas Day and
    Boxing Day. Easter decides the movable ones (Western Easter, as dateutil computes it)."""
    sunday = easter(year)
    # Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension, Whit Sunday and Monday.
    movable = (-3, -2, 0, 1, 39, 49, 50)
    fixed = {(1, 1), (5, 1), (5, 17), (12, 25), (12, 26)}
    return frozenset(
        {sunday + timedelta(days=offset) for offset in movable}
        | {date(year, month, day) for month, day in fixed}
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def _working_days_from(moment: datetime, n: int, step: int) -> datetime:
    # Wall-clock days in Norway: 15:00 stays 15:00 across a change to or from summer time.
    result = _day(moment)
    while n:
        result += timedelta(days=step)
        if is_working_day(result.date()):
            n -= 1
    return result


def working_days_after(moment: datetime, n: int) -> datetime:
    """The same time of day `n` working days after `moment`: a callback received at 15:00 on
    Wednesday 1 April 2026 is due at 15:00 on Wednesday 8 April (Thursday to Monday are
    Easter holidays and the weekend)."""
    return _working_days_from(moment, n, 1)


def working_days_before(moment: datetime, n: int) -> datetime:
    """The same time of day `n` working days before `moment`."""
    return _working_days_from(moment, n, -1)


def working_day_after(day: date, n: int) -> date:
    """The `n`th working day after `day`: the date a request made on `day` is due."""
    return working_days_after(datetime.combine(day, datetime.min.time()), n).date()
