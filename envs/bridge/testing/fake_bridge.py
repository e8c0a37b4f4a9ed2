"""A bridge that misbehaves on command, for Hearth's fault tests (envs/bridge/*.test.ts).

It plays a tiny counting game: the goal is to say `inc` three times. Task ids and actions trigger
faults: `sleep` (never answers), `garbage` (prints a line that is not JSON), `wrong-id` (answers
with another id), `exit` (writes to stderr and exits with code 3 mid-call), `task-error` (an error
answer of kind 'task'), `bad-shape` (an answer missing a field), `spawn` (starts a long `sleep`
child process and answers its pid, to check that the whole process group dies).
"""
import json
import os
import subprocess
import sys
import time

from jsonl_server import BridgeError, serve

# The answer stream itself (serve() moves fd 1 to stderr), to write what a broken bridge would.
ANSWERS = os.dup(1)


def misbehave(word):
    if word == "sleep":
        time.sleep(3600)
    if word == "garbage":
        os.write(ANSWERS, b"this is not json {\n")
    if word == "wrong-id":
        os.write(ANSWERS, b'{"id": 999, "ok": true, "result": {}}\n')
    if word == "exit":
        sys.stderr.write("fake bridge: exiting on purpose\n")
        sys.stderr.flush()
        os._exit(3)
    if word == "task-error":
        raise BridgeError("task", "fake bridge: no such task 'task-error'")


class FakeBridge:
    def __init__(self):
        self.count = 0

    def hello(self, args):
        return {"version": "fake 1.0", "pid": os.getpid()}

    def reset(self, args):
        misbehave(args["task"]["id"])
        self.count = 0
        return {"goal": "say inc three times", "observation": f"count 0 (seed {args['seed']})", "validActions": ["inc", "noop"], "info": {"stepLimit": 10, "taskType": "counting"}}

    def step(self, args):
        action = args["action"]
        misbehave(action)
        if action == "bad-shape":
            return {"observation": "no feedback field"}
        if action == "spawn":
            child = subprocess.Popen(["sleep", "3600"])
            return self.answer(f"spawned {child.pid}", None, "ok")
        if action == "inc":
            self.count += 1
            return self.answer(f"count {self.count}", True, "ok")
        return self.answer("Nothing happens.", False, "no-effect")

    def answer(self, text, success, reason):
        won = self.count >= 3
        return {"observation": text, "feedback": text, "score": 1.0 if won else 0.0, "reward": 1.0 if won else 0.0, "done": won, "won": won, "validActions": ["inc", "noop"], "info": {"success": success, "reason": reason}}


if __name__ == "__main__":
    serve(FakeBridge)
