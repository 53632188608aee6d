import re
import time

from django.utils import translation


class UserLanguageMiddleware:
    """Serve each signed-in user in the language they chose (bokmål unless they say otherwise).

    Runs after AuthenticationMiddleware; LocaleMiddleware before it covers anonymous visitors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """End a session after a working day without activity, and in any case after a set time.

    The last activity is written to the session at most once a minute, so the idle timeout
    costs no database write on most requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault("started_at", now)
            seen = request.session.get("seen_at", now)
            idle = now - seen > settings.SESSION_IDLE_SECONDS
            too_old = now - started > settings.SESSION_ABSOLUTE_SECONDS
            if idle or too_old:
                logout(request)
                messages.info(request, _("You were logged out after a long time without activity."))
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")
            if now - seen >= 60 or "seen_at" not in request.session:
                request.session["seen_at"] = now
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy, and no caching of signed-in
    pages, so that the back button after logging out shows nothing of them."""

    PERMISSIONS_POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response


def start_session_clock(sender, request, user, **kwargs):
    """At login: start the clocks of SessionTimeoutMiddleware (saved with the login itself)."""
    now = int(time.time())
    request.session["started_at"] = now
    request.session["seen_at"] = now


# C0 controls and DEL. Tab, line feed and carriage return are ordinary in a text area.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PATH_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class RefuseControlCharactersMiddleware:
    """400 for a control character in the path, the query string or a form field.

    Nobody types them; scripts send them, and a NUL reaching PostgreSQL is refused there with a
    server error. Refusing them once here spares every view and form from checking.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_control_characters(request):
            from django.shortcuts import render

            response = render(request, "400.html", {"control_characters": True}, status=400)
            response["X-Refused"] = "control-characters"
            return response
        return self.get_response(request)

    @staticmethod
    def _carries_control_characters(request) -> bool:
        if PATH_CONTROL_CHARACTERS.search(request.path):
            return True
        fields = [request.GET]
        if request.method == "POST":
            fields.append(request.POST)
        return any(
            CONTROL_CHARACTERS.search(text)
            for data in fields
            for key, values in data.lists()
            for text in (key, *values)
            if isinstance(text, str)
        )
