import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Role
from portal.usage import feedback_give, record_view
from tests.factories import GlossaryTermFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(roles=[Role.EDITOR])


def test_usage_report_ranks_content_and_shows_unread_items(client, editor):
    popular = GlossaryTermFactory(term="Populær")
    GlossaryTermFactory(term="Ulest")
    for _ in range(3):
        record_view(popular)
    feedback_give(user=UserFactory(), obj=popular, useful=False, comment="Mangler eksempler")
    client.force_login(editor)
    response = client.get(reverse("portal:report_usage"))
    most = response.context["most_used"]
    assert [(row.title, row.views) for row in most[:2]] == [("Populær", 3), ("Ulest", 0)]
    assert response.context["least_used"][0].title == "Ulest"
    assert "Mangler eksempler" in response.text


def test_report_stays_within_budget(client, editor, django_assert_num_queries_same):
    client.force_login(editor)
    GlossaryTermFactory()
    django_assert_num_queries_same(
        lambda: client.get(reverse("portal:report_usage")),
        lambda: [record_view(GlossaryTermFactory()) for _ in range(20)],
    )


def test_review_report_lists_stale_and_unowned(client, editor):
    GlossaryTermFactory(term="Gammel", owner=editor, freshness="stale")
    GlossaryTermFactory(term="Foreldreløs", owner=UserFactory(is_active=False))
    GlossaryTermFactory(term="Fin", owner=editor)
    client.force_login(editor)
    text = client.get(reverse("portal:report_review")).text
    assert "Gammel" in text and "Foreldreløs" in text and "Fin" not in text


def test_export_is_csv_with_the_counts(client, editor):
    term = GlossaryTermFactory(term='=HYPERLINK("x")')
    record_view(term)
    client.force_login(editor)
    response = client.get(reverse("portal:report_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Type", "Tittel", "Adresse", "Visninger", "Nyttig", "Ikke nyttig"]
    assert rows[1][1] == '\'=HYPERLINK("x")' and rows[1][3] == "1"


def test_views_older_than_the_period_do_not_count(client, editor):
    from portal.models import UsageCount

    term = GlossaryTermFactory()
    record_view(term)
    UsageCount.objects.update(day=timezone.localdate() - timedelta(days=200))
    client.force_login(editor)
    response = client.get(reverse("portal:report_usage"))
    assert response.context["most_used"][0].views == 0
