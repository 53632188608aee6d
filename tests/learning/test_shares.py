import pytest
from django.urls import reverse

from learning.models import Share
from portal.models import Notification, Role
from tests.factories import OfficeFactory, UserFactory
from tests.learning.factories import ShareFactory

pytestmark = pytest.mark.django_db


def test_reported_post_can_be_hidden_by_the_authors_manager_with_the_reason_kept(client):
    office = OfficeFactory()
    author = UserFactory(office=office)
    manager = UserFactory(office=office, roles=[Role.MANAGER])
    reader = UserFactory(office=office)
    share = ShareFactory(author=author, audience="office")

    client.force_login(reader)
    client.post(reverse("learning:share_report", args=[share.pk]), {"reason": "Feil om en bruker"})
    assert share.reports.get().reason == "Feil om en bruker"
    assert Notification.objects.filter(recipient=manager, kind="post_reported").exists()
    # A reader cannot hide it.
    response = client.post(reverse("learning:share_hide", args=[share.pk]), {"reason": "x"})
    assert response.status_code == 403

    client.force_login(manager)
    client.post(
        reverse("learning:share_hide", args=[share.pk]), {"reason": "Inneholdt personopplysninger"}
    )
    share.refresh_from_db()
    assert share.hidden_at and share.hidden_by == manager
    assert share.hidden_reason == "Inneholdt personopplysninger"
    client.force_login(reader)
    assert share.learnt not in client.get(reverse("learning:shares")).content.decode()
    assert client.get(share.get_absolute_url()).status_code == 404


def test_sharing_refuses_an_identity_number_and_keeps_what_was_typed(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("learning:share_create"),
        {
            "activity": "Kurs",
            "learnt": "Bruker 01010012356 fikk jobb",
            "will_use": "Mye",
            "audience": "office",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "fødselsnummer" in page and "Bruker 01010012356 fikk jobb" in page
    assert not Share.objects.exists()


def test_audience_decides_who_sees_a_share(client):
    share = ShareFactory(audience="region")
    same_region = UserFactory(office=OfficeFactory(region=share.office.region))
    elsewhere = UserFactory()
    client.force_login(same_region)
    assert client.get(share.get_absolute_url()).status_code == 200
    client.force_login(elsewhere)
    assert client.get(share.get_absolute_url()).status_code == 404


def test_colleagues_comment_and_an_identity_number_is_refused(client):
    share = ShareFactory(audience="everyone")
    reader = UserFactory()
    client.force_login(reader)
    client.post(share.get_absolute_url(), {"text": "Godt tips!"})
    response = client.post(share.get_absolute_url(), {"text": "Gjelder 01010012356"})
    assert "fødselsnummer" in response.content.decode()
    assert list(share.comments.values_list("text", flat=True)) == ["Godt tips!"]
    page = client.get(share.get_absolute_url()).content.decode()
    assert str(share.author) in page and "Godt tips!" in page
