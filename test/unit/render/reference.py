# Reference for the render tests, independent of the JavaScript libraries: renders each line of a
# dataset with Python's jinja2 as transformers' apply_chat_template sets it up (sandboxed,
# trim_blocks, lstrip_blocks, tojson as json.dumps with ensure_ascii=False) and counts tokens
# with a plain byte-level BPE over the tokenizer.json (GPT-2 pre-tokenizer regex, merges by rank).
# Prints one JSON object per line: {"text", "tokens"}.
import json, sys
import regex
from jinja2.sandbox import ImmutableSandboxedEnvironment

dataset, folder = sys.argv[1], sys.argv[2]
config = json.load(open(f"{folder}/tokenizer_config.json"))
tok = json.load(open(f"{folder}/tokenizer.json"))

env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
env.filters["tojson"] = lambda x, indent=None, separators=None, sort_keys=False: json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)
template = env.from_string(config["chat_template"])
specials = {k: v for k, v in config.items() if k.endswith("_token") and isinstance(v, str)}

def byte_alphabet():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}

BYTES = byte_alphabet()
RANKS = {tuple(m.split(" ")): i for i, m in enumerate(tok["model"]["merges"])}
SPECIAL = [t["content"] for t in tok["added_tokens"]]
PRE = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")

def bpe(word):
    parts = list(word)
    while len(parts) > 1:
        pairs = [(RANKS.get((parts[i], parts[i + 1]), None), i) for i in range(len(parts) - 1)]
        pairs = [p for p in pairs if p[0] is not None]
        if not pairs:
            break
        _, i = min(pairs)
        parts = parts[:i] + [parts[i] + parts[i + 1]] + parts[i + 2:]
    return parts

def count(text):
    pieces = regex.split("(" + "|".join(regex.escape(s) for s in SPECIAL) + ")", text)
    n = 0
    for piece in pieces:
        if piece in SPECIAL:
            n += 1
            continue
        for word in PRE.findall(piece):
            n += len(bpe("".join(BYTES[b] for b in word.encode("utf-8"))))
    return n

for line in open(dataset, encoding="utf-8"):
    if not line.strip():
        continue
    ex = json.loads(line)
    messages = []
    for m in ex["messages"]:
        m = {k: v for k, v in m.items() if k != "weight"}
        if "tool_calls" in m:
            m["tool_calls"] = [{**c, "function": {**c["function"], "arguments": json.loads(c["function"]["arguments"])}} for c in m["tool_calls"]]
        messages.append(m)
    kwargs = {"tools": ex["tools"]} if ex.get("tools") else {}
    text = template.render(messages=messages, add_generation_prompt=False, **specials, **kwargs)
    print(json.dumps({"text": text, "tokens": count(text)}))
