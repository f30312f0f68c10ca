"""The lesson's evaluate_tool_calls, as users run it, over the same two files `toolcall eval
--dataset EVAL --predictions PREDICTIONS` reads; the bench times it against the CLI.

Per call (a = predicted, b = expected): no credit at all for a wrong name; with the same name,
exact = the parsed arguments are equal, fuzzy = difflib ratio of the sorted-key JSON dumps
> 0.8, functional = > 0.5. Arguments that are not JSON score nothing.
A case is an assistant turn (weight not 0) with tool calls, or without calls when the line
declares tools, as `toolcall eval` extracts them; it passes a metric when the prediction makes
as many calls and they pair one to one with the expected calls on that metric (a no-call case
passes when the prediction makes no call). No prediction: the case fails.

python3 bench/evaluate_tool_calls.py EVAL.jsonl PREDICTIONS.jsonl [--cases]
prints {"total", "exact_match", "fuzzy_match", "functional_match"} (and each case's scores with --cases).
"""
import json
import sys
from difflib import SequenceMatcher


def compare_call(pred, truth):
    if pred["name"] != truth["name"]:
        return (False, False, False)
    try:
        pred_args = json.loads(pred["arguments"])
        truth_args = json.loads(truth["arguments"])
    except (ValueError, TypeError, RecursionError):
        return (False, False, False)
    ratio = SequenceMatcher(None, json.dumps(pred_args, sort_keys=True), json.dumps(truth_args, sort_keys=True)).ratio()
    return (pred_args == truth_args, ratio > 0.8, ratio > 0.5)


def perfect_matching(n, ok):
    """Whether rows 0..n-1 pair one to one with columns 0..n-1 on ok[i][j] (Kuhn's augmenting paths)."""
    match = [-1] * n

    def augment(i, seen):
        for j in range(n):
            if ok[i][j] and not seen[j]:
                seen[j] = True
                if match[j] == -1 or augment(match[j], seen):
                    match[j] = i
                    return True
        return False

    return all(augment(i, [False] * n) for i in range(n))


def calls_of(message):
    return [{"name": c["function"]["name"], "arguments": c["function"]["arguments"]} for c in (message.get("tool_calls") or [])]


def usable(example):
    """An object with messages whose calls have a string name and string arguments, as toolcall eval requires."""
    if not isinstance(example, dict) or not isinstance(example.get("messages"), list):
        return False
    for message in example["messages"]:
        if not isinstance(message, dict):
            return False
        for call in message.get("tool_calls") or []:
            fn = call.get("function") if isinstance(call, dict) else None
            if not isinstance(fn, dict) or not isinstance(fn.get("name"), str) or not isinstance(fn.get("arguments"), str):
                return False
    return True


def evaluate_tool_calls(dataset_path, predictions_path):
    predictions = {}
    with open(predictions_path, encoding="utf-8") as f:
        for raw in f:
            if raw.strip():
                p = json.loads(raw)
                predictions[(p["line"], p["turn"])] = calls_of(p)
    results = []
    with open(dataset_path, encoding="utf-8") as f:
        for number, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                example = json.loads(raw)
            except ValueError:
                continue
            if not usable(example):
                continue  # toolcall eval skips such lines too, saying why
            declared = bool(example.get("tools"))
            for turn, message in enumerate(example.get("messages", [])):
                if message.get("role") != "assistant" or message.get("weight") == 0:
                    continue
                expected = calls_of(message)
                if not expected and not declared:
                    continue
                got = predictions.get((number, turn))
                if got is None:
                    scores = (False, False, False)
                elif not expected:
                    scores = (not got,) * 3
                elif len(got) != len(expected):
                    scores = (False, False, False)
                else:
                    pairs = [[compare_call(p, t) for p in got] for t in expected]
                    n = len(expected)
                    scores = tuple(perfect_matching(n, [[pairs[i][j][m] for j in range(n)] for i in range(n)]) for m in range(3))
                results.append({"line": number, "turn": turn, "exact": scores[0], "fuzzy": scores[1], "functional": scores[2]})
    total = len(results)

    def rate(key):
        return sum(r[key] for r in results) / total if total else 0

    return {"total": total, "exact_match": rate("exact"), "fuzzy_match": rate("fuzzy"), "functional_match": rate("functional")}, results


if __name__ == "__main__":
    summary, cases = evaluate_tool_calls(sys.argv[1], sys.argv[2])
    if "--cases" in sys.argv[3:]:
        summary["cases"] = cases
    print(json.dumps(summary))
