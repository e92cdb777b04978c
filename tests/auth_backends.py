"""django-axes for the test suite: the test client's ``login()`` calls authenticate() without a request.

Real logins (the public login view, Wagtail's admin login, the one-time code form) always pass the
request, and for them this backend is django-axes' own ``AxesStandaloneBackend`` unchanged.
"""

from axes.backends import AxesStandaloneBackend


class ClientLoginAxesBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
