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
