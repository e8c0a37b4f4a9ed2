"""`hearth serve-model` as the official `openai` Python package sees it.

Usage: python openai_client_check.py BASE_URL MODEL

Checks a chat completion, streaming, per-token logprobs with top alternatives, 404 for a model
the server does not serve and the error shape of a bad request. Prints one JSON object with what
it saw; on a failed check prints the reason to stderr and exits 1. Run by
openai-python-client.test.ts against a server it starts.
"""
import json
import sys

import openai

MESSAGES = [{"role": "user", "content": "Name one room of a house."}]


def check(condition, message):
    if not condition:
        print(f"check failed: {message}", file=sys.stderr)
        sys.exit(1)


def expect_error(error_class, create, **fields):
    try:
        create()
    except error_class as error:
        for name, value in fields.items():
            check(getattr(error, name) == value, f"{error_class.__name__}.{name} is {getattr(error, name)!r}, expected {value!r}")
        return {"status": error.status_code, "code": error.code, "param": error.param, "type": error.type, "message": str(error)}
    check(False, f"expected {error_class.__name__}, the call succeeded")


def main(base_url, model):
    client = openai.OpenAI(base_url=base_url, api_key="unused", max_retries=0, timeout=60)
    seen = {"openai_version": openai.__version__}

    whole = client.chat.completions.create(model=model, messages=MESSAGES, max_tokens=8)
    text = whole.choices[0].message.content
    check(isinstance(text, str) and text != "", f"chat: content is {text!r}")
    seen["chat"] = text

    stream = client.chat.completions.create(model=model, messages=MESSAGES, max_tokens=8, stream=True)
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    check(streamed == text, f"stream: {streamed!r} differs from the whole answer {text!r}")

    answer = client.chat.completions.create(model=model, messages=MESSAGES, max_tokens=8, logprobs=True, top_logprobs=3)
    entries = answer.choices[0].logprobs.content
    check(len(entries) == answer.usage.completion_tokens, f"logprobs: {len(entries)} entries for {answer.usage.completion_tokens} tokens")
    check("".join(entry.token for entry in entries) == answer.choices[0].message.content, "logprobs: the tokens do not spell the answer")
    for entry in entries:
        top = [alternative.logprob for alternative in entry.top_logprobs]
        check(entry.logprob <= 0, f"logprobs: {entry.token!r} has logprob {entry.logprob} > 0")
        check(len(top) == 3, f"logprobs: {entry.token!r} has {len(top)} alternatives, asked for 3")
        check(top == sorted(top, reverse=True), f"logprobs: alternatives of {entry.token!r} are not best first: {top}")
        check(entry.bytes == list(entry.token.encode("utf-8")), f"logprobs: bytes of {entry.token!r} are {entry.bytes}")
    seen["logprobs"] = [[entry.token, entry.logprob] for entry in entries]

    seen["not_found"] = expect_error(
        openai.NotFoundError,
        lambda: client.chat.completions.create(model="nope", messages=MESSAGES, max_tokens=4),
        status_code=404, code="model_not_found", param="model", type="invalid_request_error",
    )
    seen["bad_request"] = expect_error(
        openai.BadRequestError,
        lambda: client.chat.completions.create(model=model, messages=MESSAGES, temperature=-1),
        status_code=400, param="temperature", type="invalid_request_error",
    )
    print(json.dumps(seen))


if __name__ == "__main__":
    check(len(sys.argv) == 3, "usage: openai_client_check.py BASE_URL MODEL")
    main(sys.argv[1], sys.argv[2])
