from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalModelBackend(ModelBackend):
    """Loads the signed-in user with office and region in the same query: nearly every page
    shows or checks them, and this saves two queries per request."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("office__region")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
