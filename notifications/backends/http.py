"""POSTing JSON to a gateway with the standard library, sorting failures into Transient and Refused."""

import json
import urllib.error
import urllib.request

from . import Refused, Transient

# Answers worth another try: the gateway is busy or broken, not saying no.
RETRY_STATUSES = {408, 425, 429}


def post_json(url: str, body: dict, *, headers: dict, timeout: float) -> dict:
    """POST ``body`` as JSON; the reply parsed as JSON ({} when empty). Raises Transient or Refused."""
    data = json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's gateway, http(s) only (settings)
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:200].decode("utf-8", "replace")
        if exc.code >= 500 or exc.code in RETRY_STATUSES:
            raise Transient(f"HTTP {exc.code}: {detail}") from exc
        raise Refused(f"HTTP {exc.code}: {detail}") from exc
    except TimeoutError as exc:
        raise Transient(f"timeout after {timeout} s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise Transient(f"timeout after {timeout} s") from exc
        raise Transient(f"connection: {exc.reason}") from exc
    except OSError as exc:  # reset by peer, a reply cut short
        raise Transient(f"connection: {exc}") from exc
    if not raw.strip():
        return {}
    try:
        reply = json.loads(raw)
    except ValueError as exc:
        # Accepted (2xx) but unreadable: do not send again, the gateway may have taken it.
        raise Refused(f"unreadable reply: {raw[:100]!r}") from exc
    return reply if isinstance(reply, dict) else {"reply": reply}
