"""The Python end of a Hearth environment bridge: JSON lines over stdio.

Hearth starts `python <env>/bridge.py`, writes one request per line on stdin and reads one answer
per line on stdout. Everything a package prints is sent to stderr, so stdout carries only answers.

Request:  {"id": 7, "op": "hello" | "reset" | "step" | "close", "args": {...}}
Answer:   {"id": 7, "ok": true, "result": {...}}
      or  {"id": 7, "ok": false, "error": {"kind": "task" | "usage" | "missing" | "crashed", "message": "..."}}

A bridge module defines a class with `hello(args) -> dict`, `reset(args) -> dict`, `step(args) -> dict`
and calls `serve(Handler)`. A `BridgeError(kind, message)` it raises becomes an error answer; any other
exception is answered as kind "crashed" with its type and message (the process keeps serving).
The process ends when stdin closes (Hearth gone) or on "close".

`python bridge.py --native-loop` is the reference for parity tests and `npm run bench:envs`
(envs/bridge/native-loop.ts): a bridge passes its function to `run_native_loop(loop)`, which reads
{params, episodes: [{task, seed, actions}]} from stdin and prints what `loop` returns,
{episodes: [{observation, observations, resetSeconds, stepSeconds}]}, as one JSON line — played with
the package's own loop (no protocol, nothing cached).
"""
import json
import os
import sys
import traceback

PROTOCOL_VERSION = 1


class BridgeError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind
        self.message = message


def _answer(out, payload):
    out.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n")
    out.flush()


def serve(handler_class):
    # Keep the real stdout for answers; anything else printed (packages, warnings) goes to stderr.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    handler = None
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            op = request.get("op")
            args = request.get("args") or {}
            if op == "close":
                _answer(out, {"id": request_id, "ok": True, "result": {}})
                return
            if handler is None:
                handler = handler_class()
            method = getattr(handler, op, None) if op in ("hello", "reset", "step") else None
            if method is None:
                raise BridgeError("usage", f"unknown op {op!r}; ops: hello, reset, step, close")
            result = method(args)
            result.setdefault("protocolVersion", PROTOCOL_VERSION)
            _answer(out, {"id": request_id, "ok": True, "result": result})
        except BridgeError as error:
            _answer(out, {"id": request_id, "ok": False, "error": {"kind": error.kind, "message": error.message}})
        except Exception as error:  # a package failing inside one request: say what, keep serving
            traceback.print_exc(file=sys.stderr)
            _answer(out, {"id": request_id, "ok": False, "error": {"kind": "crashed", "message": f"{type(error).__name__}: {error}"}})


def run_native_loop(loop):
    """`bridge.py --native-loop`: one JSON request on stdin → `loop(request)` → one JSON line on stdout."""
    request = json.load(sys.stdin)
    out = sys.stdout
    sys.stdout = sys.stderr  # package prints stay off the result
    out.write(json.dumps(loop(request), ensure_ascii=False) + "\n")
    out.flush()
