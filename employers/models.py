"""Employers (arbeidsgivere): one register shared by every office.

An employer is a unit of the Central Coordinating Register for Legal Entities
(Enhetsregisteret): a main unit (hovedenhet) with its sub-units (underenheter), typically one
per workplace. Each has a nine-digit organisation number with a MOD11 check digit.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.validators import validate_organisation_number


class EmployerSize(models.TextChoices):
    UNKNOWN = "", _("Unknown")
    MICRO = "1-4", _("1–4 employees")
    SMALL = "5-19", _("5–19 employees")
    MEDIUM = "20-99", _("20–99 employees")
    LARGE = "100+", _("100 or more employees")


class EmployerQuerySet(models.QuerySet):
    def active(self) -> EmployerQuerySet:
        return self.filter(deleted_at__isnull=True)


class Employer(models.Model):
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_organisation_number],
    )
    name = models.CharField(_("name"), max_length=200)
    main_unit = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_units",
        verbose_name=_("main unit"),
    )
    industry_code = models.CharField(_("industry code (NACE)"), max_length=10, blank=True)
    industry_text = models.CharField(_("industry"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    municipality_number = models.CharField(_("municipality number"), max_length=4, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    size_band = models.CharField(
        _("size"), max_length=10, choices=EmployerSize.choices, blank=True, default=""
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [
            GinIndex(
                name="employer_name_trgm",
                fields=["name"],
                opclasses=["gin_trgm_ops"],
            ),
            models.Index(fields=["municipality"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("employers:detail", args=[self.organisation_number])

    @property
    def is_main_unit(self) -> bool:
        return self.main_unit_id is None
