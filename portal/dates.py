"""The portal's one way of writing dates and times, in every app and in e-mails.

Short: «28. nov.» («28. nov. 2025» in another year). Long: «28. november 2026». Month names
lowercase, as Norwegian writes them (Django's «M» gives «Nov»). Time since: «for 3 timer
siden», and «nå nettopp» under a minute, never «for 0 minutter siden».
"""

from datetime import date, datetime, timedelta

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
