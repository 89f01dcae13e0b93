"""Sums a PyTorch profiler Chrome trace per operator: self time (an operator's time minus that of
the operators it called), calls, and a share of the total, so that the engine's trace
(`./segfold bench train-step --profile t.json`) and the Python peer's
(`bench/train_step_torch.py --profile t.json`) read alike.

usage: python3 bench/profile_summary.py TRACE.json [--top 30] [--steps N]
"""
import argparse
import collections
import json


def self_times(events):
    """Self time per event name in microseconds, and calls, from complete ('X') events per thread."""
    by_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            by_thread[(e.get("pid"), e.get("tid"))].append(e)
    total = collections.Counter()
    calls = collections.Counter()
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # [end, name, child time]
        for e in evs:
            start, end = e["ts"], e["ts"] + e["dur"]
            while stack and stack[-1][0] <= start:
                done = stack.pop()
                total[done[1]] += done[3] - done[2]
            if stack:
                stack[-1][2] += e["dur"]
            stack.append([end, e["name"], 0.0, e["dur"]])
            calls[e["name"]] += 1
        while stack:
            done = stack.pop()
            total[done[1]] += done[3] - done[2]
    return total, calls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("trace")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--steps", type=int, default=1, help="steps in the trace; times are shown per step")
    a = ap.parse_args()
    with open(a.trace) as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    total, calls = self_times(events)
    # profiler bookkeeping entries (ProfilerStep, user scopes) are not operators
    for k in [k for k in total if k.startswith("ProfilerStep") or k.startswith("[")]:
        del total[k]
    grand = sum(total.values())
    print(f"{'operator':48s} {'ms/step':>9s} {'share':>6s} {'calls/step':>10s}")
    for name, us in total.most_common(a.top):
        print(f"{name[:48]:48s} {us / 1000 / a.steps:9.1f} {100 * us / grand:5.1f}% {calls[name] / a.steps:10.1f}")
    print(f"{'all operators':48s} {grand / 1000 / a.steps:9.1f}")


if __name__ == "__main__":
    main()
