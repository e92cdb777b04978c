"""A small fake gateway on 127.0.0.1 (random port, own thread) for the SMS and Zalo backends.

``gateway.script`` lists what the next requests get, in order ("ok", "timeout", "500", "400",
"zalo-error"); when it runs out, every request gets "ok". Every request is recorded, so a test
can count what reached the gateway.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict
    body: dict


@dataclass
class FakeGateway:
    url: str = ""
    script: list = field(default_factory=list)
    received: list = field(default_factory=list)
    # How long a "timeout" answer makes the client wait (longer than the client's timeout).
    stall_seconds: float = 2.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else "ok"


def _handler(gateway: FakeGateway):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            with gateway.lock:
                gateway.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                number = len(gateway.received)
            answer = gateway.next_answer()
            if answer == "timeout":
                time.sleep(gateway.stall_seconds)
                answer = "ok"  # too late: the client has given up
            status, reply = {
                "ok": (
                    200,
                    {"error": 0, "message": "Success", "id": f"gw-{number}", "data": {"msg_id": f"z-{number}"}},
                ),
                "500": (500, {"error": "internal"}),
                "503": (503, {"error": "busy"}),
                "400": (400, {"error": "invalid phone"}),
                "401": (401, {"error": "bad token"}),
                "zalo-error": (200, {"error": -108, "message": "Phone number is invalid"}),
            }[answer]
            payload = json.dumps(reply).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    return Handler


class running_gateway:
    """Context manager: start the fake gateway, yield it, stop it."""

    def __enter__(self) -> FakeGateway:
        self.gateway = FakeGateway()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.gateway))
        self.server.daemon_threads = True
        host, port = self.server.server_address[:2]
        self.gateway.url = f"http://{host}:{port}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self.gateway

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
