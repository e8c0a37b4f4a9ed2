#!/usr/bin/env python3
"""Exports a GGUF causal LM to a transformers.js-ready ONNX folder, offline and reproducibly.

Runs inside the pinned venv that `fetch-onnx-model.ts` creates (requirements.txt beside this file).
Steps: dequantise the GGUF with transformers (the ONNX weights are exactly the GGUF's weights, so
scores agree with the llama.cpp backend up to float error), export with optimum's ONNX exporter
(`text-generation-with-past`, weights in onnx/model.onnx_data: input_ids, attention_mask, position_ids, past_key_values.N.key/value
-> logits, present.N.key/value), rebuild the tokenizer straight from the GGUF's vocabulary (the
transformers GGUF tokenizer converter adds a BOS and picks the wrong EOS for SmolLM2), check the
ONNX logits against PyTorch, and write a manifest with versions and sha256 of every output file.

Usage: python export-onnx.py --gguf FILE.gguf --out DIR [--work DIR]
The output folder is written to DIR.partial and renamed to DIR at the end, so DIR is always whole.
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never touch the network
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

MANIFEST = "hearth-onnx-manifest.json"
START = time.time()


def progress(message):
    """One progress line on stdout, prefixed so the Node wrapper can relay it."""
    print(f"[export {time.time() - START:6.1f}s] {message}", flush=True)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def gguf_fields(gguf_path):
    """The GGUF's tokenizer metadata as plain Python values."""
    from gguf import GGUFReader

    reader = GGUFReader(gguf_path)

    def strings(key):
        field = reader.fields[key]
        return [bytes(field.parts[i]).decode("utf-8") for i in field.data]

    def scalar(key, default=None):
        field = reader.fields.get(key)
        return default if field is None else field.contents()

    return {
        "tokens": strings("tokenizer.ggml.tokens"),
        "types": [int(reader.fields["tokenizer.ggml.token_type"].parts[i][0])
                  for i in reader.fields["tokenizer.ggml.token_type"].data],
        "merges": strings("tokenizer.ggml.merges"),
        "model": scalar("tokenizer.ggml.model"),
        "pre": scalar("tokenizer.ggml.pre", "default"),
        "bos": scalar("tokenizer.ggml.bos_token_id"),
        "eos": scalar("tokenizer.ggml.eos_token_id"),
        "unk": scalar("tokenizer.ggml.unknown_token_id"),
        "pad": scalar("tokenizer.ggml.padding_token_id"),
        "add_bos": bool(scalar("tokenizer.ggml.add_bos_token", False)),
        "chat_template": scalar("tokenizer.chat_template"),
        "context_length": scalar("llama.context_length", 2048),
    }


def build_tokenizer(meta, out_dir):
    """tokenizer.json + tokenizer_config.json + special_tokens_map.json matching llama.cpp's tokenizer."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers

    if meta["model"] != "gpt2":
        sys.exit(f"export-onnx: tokenizer model {meta['model']!r} is not supported (only byte-level BPE 'gpt2')")
    # llama.cpp's 'smollm' pre-tokenizer splits every digit, then applies the GPT-2 regex.
    pre_by_name = {
        "smollm": [pre_tokenizers.Digits(individual_digits=True)],
        "gpt-2": [],
        "default": [],
    }
    if meta["pre"] not in pre_by_name:
        sys.exit(f"export-onnx: pre-tokenizer {meta['pre']!r} unknown; known: {sorted(pre_by_name)}")
    tokens = meta["tokens"]
    vocab = {token: index for index, token in enumerate(tokens)}
    merges = [tuple(merge.split(" ", 1)) for merge in meta["merges"]]
    tokenizer = Tokenizer(models.BPE(vocab=vocab, merges=merges, fuse_unk=False, byte_fallback=False))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        pre_by_name[meta["pre"]] + [pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    tokenizer.decoder = decoders.ByteLevel()
    control = [index for index, kind in enumerate(meta["types"]) if kind == 3]  # 3 = control token
    tokenizer.add_special_tokens([AddedToken(tokens[i], special=True, normalized=False) for i in control])
    tokenizer.save(os.path.join(out_dir, "tokenizer.json"))

    name = lambda index: tokens[index] if index is not None else None  # noqa: E731
    specials = {"bos_token": name(meta["bos"]), "eos_token": name(meta["eos"]),
                "unk_token": name(meta["unk"]), "pad_token": name(meta["pad"])}
    config = {
        **specials,
        "add_bos_token": meta["add_bos"],
        "add_eos_token": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": int(meta["context_length"]),
        "tokenizer_class": "GPT2Tokenizer",
        "chat_template": meta["chat_template"],
        "added_tokens_decoder": {str(i): {"content": tokens[i], "lstrip": False, "normalized": False,
                                          "rstrip": False, "single_word": False, "special": True}
                                 for i in control},
    }
    write_json(os.path.join(out_dir, "tokenizer_config.json"), config)
    write_json(os.path.join(out_dir, "special_tokens_map.json"), specials)
    return tokenizer


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")


def dequantise(gguf_path, hf_dir, meta):
    """Loads the GGUF into PyTorch (float32) and saves a plain transformers folder."""
    import torch
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    folder, name = os.path.split(os.path.abspath(gguf_path))
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
    # The GGUF names its own special ids; the converter's config guesses them.
    model.config.bos_token_id, model.config.eos_token_id, model.config.pad_token_id = meta["bos"], meta["eos"], meta["pad"]
    model.generation_config.bos_token_id = meta["bos"]
    model.generation_config.eos_token_id = meta["eos"]
    model.generation_config.pad_token_id = meta["pad"]
    model.save_pretrained(hf_dir)
    return model


def export(hf_dir, onnx_dir):
    from optimum.exporters.onnx import main_export

    main_export(model_name_or_path=hf_dir, output=onnx_dir, task="text-generation-with-past",
                device="cpu", do_validation=False, no_post_process=False, local_files_only=True)


def save_with_external_data(source, target_dir):
    """onnx/model.onnx (graph) + onnx/model.onnx_data (weights). onnxruntime then reads the weights
    without first holding the whole protobuf in memory: ~0.9 GB instead of ~1.4 GB resident in Node."""
    import onnx

    model = onnx.load(source)
    onnx.save_model(model, os.path.join(target_dir, "model.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="model.onnx_data", size_threshold=1024)
    os.chmod(os.path.join(target_dir, "model.onnx_data"), 0o644)


def write_config(hf_dir, out_dir):
    """config.json, telling transformers.js that the weights are in external data."""
    with open(os.path.join(hf_dir, "config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    config["transformers.js_config"] = {"use_external_data_format": True}
    write_json(os.path.join(out_dir, "config.json"), config)


def check_logits(model, tokenizer, onnx_path):
    """ONNX vs PyTorch on one prompt: the largest logit difference and the top next token."""
    import numpy as np
    import onnxruntime
    import torch

    ids = tokenizer.encode("The capital of France is").ids
    with torch.no_grad():
        expected = model(torch.tensor([ids])).logits[0].numpy()
    session = onnxruntime.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    feeds = {"input_ids": np.array([ids], dtype=np.int64),
             "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
             "position_ids": np.arange(len(ids), dtype=np.int64)[None]}
    config = model.config
    heads, dim = config.num_key_value_heads, config.hidden_size // config.num_attention_heads
    for layer in range(config.num_hidden_layers):
        for kind in ("key", "value"):
            feeds[f"past_key_values.{layer}.{kind}"] = np.zeros((1, heads, 0, dim), dtype=np.float32)
    actual = session.run(["logits"], feeds)[0][0]
    diff = float(np.abs(actual - expected).max())
    top = tokenizer.decode([int(actual[-1].argmax())])
    if diff > 1e-2:
        sys.exit(f"export-onnx: ONNX logits differ from PyTorch by {diff} (> 1e-2); the export is broken")
    return diff, top


def versions():
    import onnx
    import onnxruntime
    import optimum
    import torch
    import transformers
    from importlib.metadata import version

    return {"python": sys.version.split()[0], "torch": torch.__version__, "transformers": transformers.__version__,
            "optimum": version("optimum"), "optimum-onnx": version("optimum-onnx"), "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__, "gguf": version("gguf"), "tokenizers": version("tokenizers")}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gguf", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--work", help="scratch folder (default: OUT.work, removed at the end)")
    args = parser.parse_args()
    out_dir = os.path.abspath(args.out)
    work = os.path.abspath(args.work or out_dir + ".work")
    partial = out_dir + ".partial"
    for folder in (work, partial):
        shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(partial, "onnx"))

    progress(f"reading tokenizer metadata from {args.gguf}")
    meta = gguf_fields(args.gguf)
    tokenizer = build_tokenizer(meta, partial)
    progress("dequantising the GGUF to float32 PyTorch weights")
    model = dequantise(args.gguf, os.path.join(work, "hf"), meta)
    progress("exporting to ONNX (text-generation-with-past)")
    export(os.path.join(work, "hf"), os.path.join(work, "onnx"))
    save_with_external_data(os.path.join(work, "onnx", "model.onnx"), os.path.join(partial, "onnx"))
    write_config(os.path.join(work, "hf"), partial)
    shutil.copy(os.path.join(work, "hf", "generation_config.json"), os.path.join(partial, "generation_config.json"))
    progress("checking ONNX logits against PyTorch")
    diff, top = check_logits(model, tokenizer, os.path.join(partial, "onnx", "model.onnx"))
    progress(f"max |logit difference| {diff:.2e}; top next token after 'The capital of France is': {top!r}")

    files = sorted(os.path.relpath(os.path.join(root, f), partial)
                   for root, _, names in os.walk(partial) for f in names)
    manifest = {
        "formatVersion": 1,
        "source": {"gguf": os.path.basename(args.gguf), "sha256": sha256(args.gguf)},
        "exporter": versions(),
        "check": {"maxLogitDiff": diff, "topNextToken": top},
        "files": {name: {"bytes": os.path.getsize(os.path.join(partial, name)),
                         "sha256": sha256(os.path.join(partial, name))} for name in files},
    }
    write_json(os.path.join(partial, MANIFEST), manifest)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.rename(partial, out_dir)
    shutil.rmtree(work, ignore_errors=True)
    progress(f"done: {out_dir} (onnx/model.onnx sha256 {manifest['files']['onnx/model.onnx']['sha256']})")


if __name__ == "__main__":
    main()
