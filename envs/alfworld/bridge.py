"""ALFWorld behind Hearth's environment bridge (JSON lines over stdio, see envs/bridge/jsonl_server.py).

A task id is `<split>/<task folder>/<trial folder>`; its game is
`<alfworld-data>/json_2.1.1/<split>/<task folder>/<trial folder>/game.tw-pddl`, loaded as ALFWorld does:
textworld.gym.register_game with AlfredDemangler and AlfredInfos, then textworld.gym.make. The step
limit is Hearth's (it counts steps), so no TextWorld step limit is set.

`python bridge.py --native-loop` reads {params, episodes: [{task, seed, actions}]} on stdin, plays
them with the package's own loop (make, reset, step; nothing cached) and prints
{episodes: [{observation, observations, resetSeconds, stepSeconds}]}: the reference for parity
tests and benchmarks.
"""
import json
import os
import sys
import time
from collections import OrderedDict

from jsonl_server import BridgeError, run_native_loop, serve

GOAL_PREFIX = "Your task is to: "
NOTHING_HAPPENS = "Nothing happens."
CACHED_GAMES = 8


def game_path(params, task_id):
    data = params.get("alfworld-data") or os.environ.get("ALFWORLD_DATA")
    if not data:
        raise BridgeError("usage", "no ALFWorld data folder: pass params['alfworld-data'] or set ALFWORLD_DATA")
    parts = task_id.split("/")
    if len(parts) != 3 or any(part in ("", ".", "..") for part in parts):
        raise BridgeError("task", f"ALFWorld task id {task_id!r} is not <split>/<task folder>/<trial folder>")
    return os.path.join(data, "json_2.1.1", *parts, "game.tw-pddl")


def split_intro(text):
    """The first text → (goal without its prefix, the rest: ALFWorld's intro and room description)."""
    at = text.rfind(GOAL_PREFIX)
    if at < 0:
        return "", text.strip()
    return text[at + len(GOAL_PREFIX):].strip(), text[:at].strip()


def make_env(path, walkthrough):
    import textworld
    import textworld.gym
    from alfworld.agents.environment.alfred_tw_env import AlfredDemangler, AlfredInfos

    infos = textworld.EnvInfos(won=True, admissible_commands=True, score=True, policy_commands=walkthrough, extras=["gamefile"])
    env_id = textworld.gym.register_game(path, infos, wrappers=[AlfredDemangler(), AlfredInfos])
    return textworld.gym.make(env_id)


def check_game_file(path):
    if not os.path.isfile(path):
        raise BridgeError("task", f"ALFWorld game file {path} does not exist")
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        for key in ("pddl_domain", "pddl_problem", "grammar"):
            if key not in data:
                raise ValueError(f"no {key!r}")
    except (ValueError, OSError) as error:
        raise BridgeError("task", f"ALFWorld game file {path} is damaged: {error}")


def versions():
    from importlib.metadata import version
    return f"alfworld {version('alfworld')} + textworld {version('textworld')}"


class AlfworldBridge:
    def __init__(self):
        self.params = {}
        self.games = OrderedDict()  # (path, walkthrough) → a made env, most recent last
        self.env = None
        self.admissible = []
        self.score = 0.0

    def hello(self, args):
        self.params = args.get("params") or {}
        try:
            import alfworld.agents.environment.alfred_tw_env  # noqa: F401
            import textworld.gym  # noqa: F401
        except ImportError as error:
            raise BridgeError("missing", f"ALFWorld is not importable in {sys.executable}: {error}; run: hearth envs install alfworld")
        return {"version": versions(), "python": sys.version.split()[0]}

    def reset(self, args):
        params = args.get("params") or self.params
        task = args.get("task") or {}
        path = game_path(params, str(task.get("id", "")))
        walkthrough = bool(args.get("walkthrough"))
        key = (path, walkthrough)
        self.env = None
        try:
            if key in self.games:
                self.games.move_to_end(key)
                env = self.games[key]
                env.seed(int(args.get("seed", 0)))
                # Same game: start it again without reloading it (what env.reset() does after its load).
                observations, infos = env.batch_env.reset()
                observation, info = observations[0], {name: values[0] for name, values in infos.items()}
            else:
                check_game_file(path)
                env = make_env(path, walkthrough)
                env.seed(int(args.get("seed", 0)))
                observation, info = env.reset()
                self.games[key] = env
                while len(self.games) > CACHED_GAMES:
                    self.games.popitem(last=False)[1].close()
        except BridgeError:
            raise
        except Exception as error:
            raise BridgeError("task", f"ALFWorld could not load the game {path}: {type(error).__name__}: {error}")
        self.env = env
        self.admissible = list(info["admissible_commands"])
        self.score = 0.0
        goal, rest = split_intro(observation)
        answer = {
            "goal": goal,
            "observation": rest,
            "validActions": self.admissible,
            "info": {"stepLimit": 50, "taskType": task.get("taskType") or path.split(os.sep)[-3].split("-")[0]},
        }
        if walkthrough:
            answer["walkthrough"] = list(info.get("policy_commands") or [])
        return answer

    def step(self, args):
        if self.env is None:
            raise BridgeError("usage", "step before reset (or after a failed reset); call reset first")
        action = str(args.get("action", ""))
        admissible = action.strip() in self.admissible
        observation, _, done, info = self.env.step(action)
        won = bool(info.get("won"))
        score = 1.0 if won else 0.0
        reward, self.score = score - self.score, score
        self.admissible = list(info["admissible_commands"])
        if not admissible:
            success, reason = False, "not-valid"
        elif observation.strip() == NOTHING_HAPPENS:
            success, reason = False, "no-effect"
        else:
            success, reason = True, "ok"
        return {
            "observation": observation,
            "feedback": observation,
            "reward": reward,
            "score": score,
            "done": bool(done) or won,
            "won": won,
            "validActions": self.admissible,
            "info": {"success": success, "reason": reason},
        }


def native_loop(request):
    """The package's own loop, timed: make + reset, then the given actions, nothing cached."""
    params = request.get("params") or {}
    results = []
    for episode in request["episodes"]:
        path = game_path(params, episode["task"]["id"])
        started = time.perf_counter()
        env = make_env(path, False)
        env.seed(int(episode.get("seed", 0)))
        observation, info = env.reset()
        reset_seconds = time.perf_counter() - started
        observations = []
        started = time.perf_counter()
        for action in episode["actions"]:
            text, _, done, info = env.step(action)
            observations.append(text)
        step_seconds = time.perf_counter() - started
        env.close()
        results.append({"observation": observation, "observations": observations, "resetSeconds": reset_seconds, "stepSeconds": step_seconds})
    return {"episodes": results}


if __name__ == "__main__":
    if "--native-loop" in sys.argv:
        run_native_loop(native_loop)
    else:
        serve(AlfworldBridge)
