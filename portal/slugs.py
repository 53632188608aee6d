"""Old slugs keep working: a page whose slug changed answers its old address with a 301.

A rename of a page's slug (a corrected title, or the ASCII spelling of æ, ø and å that
migration 0011 brought) is recorded in SlugHistory by a pre_save signal. Views look pages up
with get_by_slug(); for an old slug it raises SlugMoved, which SlugRedirectMiddleware turns
into a permanent redirect to the same view with the current slug.
"""

from django import forms
from django.apps import apps
from django.db.models import Model, QuerySet
from django.db.models.signals import pre_save
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.text import norwegian_slug

# Models whose slug is part of a page address (or a feed link someone subscribed to).
TRACKED = (
    "portal.region",
    "portal.office",
    "portal.glossaryterm",
    "learning.module",
    "learning.learningpath",
    "learning.bestpractice",
    "employers.conversationguide",
)


class NorwegianSlugField(forms.SlugField):
    """A page address as an editor types it, spelt as a slug: «Møte på Risør» → «mote-pa-risor».
    Forms name it in Meta.field_classes, so that every slug is made by norwegian_slug()."""

    def __init__(self, **kwargs):
        kwargs["label"] = _("Web address")
        kwargs["help_text"] = _(
            "The last part of the page's address, e.g. «mote-med-arbeidsgiver». "
            "Æ, ø and å are written ae, o and a."
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        return norwegian_slug(super().to_python(value))


class SlugMoved(Exception):
    def __init__(self, old_slug: str, new_slug: str) -> None:
        super().__init__(old_slug, new_slug)
        self.old_slug = old_slug
        self.new_slug = new_slug


def record_old_slug(sender, instance: Model, update_fields=None, **kwargs) -> None:
    from portal.models import SlugHistory

    if instance.pk is None or (update_fields is not None and "slug" not in update_fields):
        return
    old = sender._base_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        SlugHistory.objects.update_or_create(
            model=sender._meta.label_lower, old_slug=old, defaults={"object_id": instance.pk}
        )


def connect_signals() -> None:
    for label in TRACKED:
        model = apps.get_model(label)
        pre_save.connect(record_old_slug, sender=model, dispatch_uid=f"slug-history-{label}")


def get_by_slug(queryset: QuerySet, slug: str) -> Model:
    """The page with this slug; SlugMoved when it had it before (and the user may still see
    it: the redirect must not reveal the new address of a page the user may not open); 404."""
    from portal.models import SlugHistory

    found = queryset.filter(slug=slug).first()
    if found is not None:
        return found
    moved_to = SlugHistory.objects.filter(
        model=queryset.model._meta.label_lower, old_slug=slug
    ).values_list("object_id", flat=True)
    new_slug = queryset.filter(pk__in=moved_to).values_list("slug", flat=True).first()
    if new_slug is None:
        raise Http404
    raise SlugMoved(slug, new_slug)


class SlugRedirectMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, SlugMoved) or request.resolver_match is None:
            return None
        match = request.resolver_match
        kwargs = {
            key: exception.new_slug if value == exception.old_slug else value
            for key, value in match.kwargs.items()
        }
        url = reverse(match.view_name, args=match.args, kwargs=kwargs)
        if request.META.get("QUERY_STRING"):
            url = f"{url}?{request.META['QUERY_STRING']}"
        return HttpResponsePermanentRedirect(url)
