"""Start the test provider: ``python -m tests.accounts.sso_provider.serve PORT CLIENT_ID SECRET REDIRECT_URI``.

Migrates its own SQLite database, creates its people, an RSA signing key and our client, serves on
127.0.0.1:PORT in threads, and prints READY once it accepts connections.
"""

import os
import sys
import tempfile
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main(port: int, client_id: str, secret: str, redirect_uri: str, post_logout_uri: str) -> None:
    os.environ["SSO_PROVIDER_DB"] = os.path.join(tempfile.mkdtemp(prefix="sso-provider-"), "db.sqlite3")
    os.environ["SSO_PROVIDER_URL"] = f"http://127.0.0.1:{port}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.accounts.sso_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    from .people import PASSWORD, PEOPLE

    call_command("migrate", verbosity=0)
    call_command("creatersakey", verbosity=0)
    for username in PEOPLE:
        User.objects.create_user(username=username, password=PASSWORD)
    client = Client.objects.create(
        name="Kỹ Năng Số",
        client_type="confidential",
        client_id=client_id,
        client_secret=secret,
        jwt_alg="RS256",
        require_consent=False,
        _redirect_uris=redirect_uri,
        _post_logout_redirect_uris=post_logout_uri,
        _scope="openid profile phone email",
    )
    client.response_types.add(ResponseType.objects.get(value="code"))

    server = make_server("127.0.0.1", port, get_wsgi_application(), _ThreadingServer, _QuietHandler)
    print("READY", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
