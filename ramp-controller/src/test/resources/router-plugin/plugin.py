#!/usr/bin/env python3
"""A Ramp router plugin (protocol v1) written with Python's standard library only.

It keeps each rollout's weight and routes in memory, as a real plugin would keep them in the
router it drives, and checks the bearer token. It prints the port it listens on, then serves.

    plugin.py [--port N] [--token TOKEN]

For tests, it also answers GET /test/state (what is in effect and the last apply received) and
POST /test/freeze and /test/unfreeze: while frozen, applies are received but take no effect, like
a router that is slow to change.
"""
import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CAPABILITIES = {"headerRoutes": True, "mirrorRoutes": False}
lock = threading.Lock()
in_effect = {}  # "namespace/name" -> {"canaryWeight", "headerRoutes", "mirrorRoutes"}
last_apply = {}  # "namespace/name" -> the desired state of the last apply received
frozen = False


def empty_state():
    return {"canaryWeight": 0, "headerRoutes": [], "mirrorRoutes": []}


class Plugin(BaseHTTPRequestHandler):
    token = None

    def do_POST(self):
        global frozen
        if self.path in ("/test/freeze", "/test/unfreeze"):
            with lock:
                frozen = self.path == "/test/freeze"
            return self.answer(200, {})
        if self.path not in ("/v1/read", "/v1/apply"):
            return self.answer(404, {"message": "no operation " + self.path})
        if self.token is not None and \
                self.headers.get("Authorization") != "Bearer " + self.token:
            return self.answer(401, {"message": "wrong or missing bearer token"})
        try:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            rollout = request["rollout"]["namespace"] + "/" + request["rollout"]["name"]
        except (KeyError, TypeError, ValueError) as e:
            return self.answer(400, {"message": "bad request: " + repr(e)})
        with lock:
            if self.path == "/v1/apply":
                desired = request.get("desired")
                weight = desired.get("canaryWeight") if isinstance(desired, dict) else None
                if not isinstance(weight, int) or not 0 <= weight <= 100:
                    return self.answer(400, {"message": "desired.canaryWeight must be 0-100"})
                last_apply[rollout] = desired
                if not frozen:
                    in_effect[rollout] = desired
                return self.answer(200, {})
            answer = dict(in_effect.get(rollout, empty_state()))
            answer["capabilities"] = CAPABILITIES
            return self.answer(200, answer)

    def do_GET(self):
        if self.path != "/test/state":
            return self.answer(404, {"message": "no page " + self.path})
        with lock:
            return self.answer(200, {"inEffect": in_effect, "lastApply": last_apply})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token")
    args = parser.parse_args()
    Plugin.token = args.token
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Plugin)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
