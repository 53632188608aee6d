"""The weekly summaries' mentions of an employer, as a source of the employer timeline.

Found by `portal.registry` like every app's `timeline.py` (see `employers.timeline`), so that
employers does not depend on marketinfo (the dependency runs the other way: a vacancy names an
employer).
"""

from django.conf import settings

from employers.timeline import source
from marketinfo.models import Item, Summary
from portal.models import Office, Region, User

# The day is the publication's, in the portal's time zone; a mention links to its summary.
TIMELINE_SOURCES = (
    source(
        kind="mention",
        rank=4,
        sql=f"""
            SELECT row.employer_id, row.office_id, row.id AS pk,
                (row.published_at AT TIME ZONE %s)::date AS day,
                '' AS channel, ARRAY[]::varchar(30)[] AS topics, row.title AS text,
                '' AS state,
                COALESCE(author.first_name || ' ' || author.last_name, '') AS author_name,
                COALESCE(office.name, region.name) AS office_name,
                row.summary_id AS link_id
            FROM {Item._meta.db_table} AS row
            JOIN {Summary._meta.db_table} AS summary ON summary.id = row.summary_id
            LEFT JOIN {User._meta.db_table} AS author ON author.id = summary.created_by_id
            LEFT JOIN {Office._meta.db_table} AS office ON office.id = row.office_id
            JOIN {Region._meta.db_table} AS region ON region.id = row.region_id
            WHERE row.published_at IS NOT NULL
        """,  # noqa: S608 - names from our own models; values are parameters
        params=[settings.TIME_ZONE],
        url_name="marketinfo:summary_detail",
        has_topics=False,
    ),
)
