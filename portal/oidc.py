"""Single sign-on with Microsoft Entra ID over OpenID Connect (mozilla-django-oidc).

Off unless OIDC_RP_CLIENT_ID is set. A person signing in for the first time gets an account
with no office and no roles; an administrator places them. NAV's Entra ID gives each employee
an e-mail address, which is the stable key we match on.
"""

import unicodedata

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from portal.services import user_started


def username_from_email(email: str) -> str:
    local = email.split("@", 1)[0].lower()
    return unicodedata.normalize("NFKC", local)[:150]


class EntraIdBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        """Only members of the portal's Entra ID group get in, when a group is configured:
        nobody is authorised by default."""
        if not super().verify_claims(claims):
            return False
        required = settings.OIDC_REQUIRED_GROUP
        return not required or required in claims.get("groups", [])

    def create_user(self, claims):
        user = super().create_user(claims)
        user.first_name = claims.get("given_name", "")[:150]
        user.last_name = claims.get("family_name", "")[:150]
        user.save(update_fields=["first_name", "last_name"])
        user_started(user=user)
        return user

    def update_user(self, user, claims):
        user.first_name = claims.get("given_name", user.first_name)[:150]
        user.last_name = claims.get("family_name", user.last_name)[:150]
        user.save(update_fields=["first_name", "last_name"])
        return user
