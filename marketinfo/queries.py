"""Reads other apps use: the employer page lists where the weekly summaries mention it."""

from __future__ import annotations

from marketinfo.models import Item


def employer_mentions(employer, limit: int = 10) -> list[Item]:
    """The employer's most recent published mentions, each with its summary: one query.

    Expired ones are included: the employer page is an archive as much as news.
    """
    return list(
        Item.objects.mentioning(employer)
        .select_related("summary__office", "summary__region")
        .order_by("-published_at", "position")[:limit]
    )
