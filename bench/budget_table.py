"""The table of a time-budgeted run through the services (docs/BENCHMARKS.md "A 12- and 30-minute
time budget per fold"): per fold the warm-up's count, the iterations trained, the training time
against the budget (from the trainers' "training took" log lines) and the validation Dice (from
GET /runs/{id}/results, nnU-Net's per-case mean), then the CV row over every fold's cases.

usage: python3 bench/budget_table.py RUN_ID [--logs .segfold/logs] [--api http://localhost:8080]
       [--token-file .segfold/api-token]
"""
import argparse
import collections
import glob
import json
import re
import urllib.request

TOOK = re.compile(r"(?P<run>r-[\w-]+)/(?P<stage>\d+)/(?P<fold>\d+): training took (?P<s>[\d.]+) s "
                  r"of the time budget of PT(?P<budget>\w+) \((?P<pct>[+-][\d.]+)%\)")
WARMUP = re.compile(r"(?P<run>r-[\w-]+)/(?P<stage>\d+)/(?P<fold>\d+): (?P<n>\d+) iterations of base (?P<base>\d+), "
                    r"batch (?P<batch>\d+) fit the time budget.*?, (?P<ms>\d+) ms an iteration\)")


def get(api, token, path):
    req = urllib.request.Request(api + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def from_logs(logs, run):
    """Per fold of stage 0: the last 'training took' and warm-up lines of this run in any trainer's log."""
    took, warm = {}, {}
    for path in sorted(glob.glob(logs + "/trainer-service-*.log")):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                for pattern, into in ((TOOK, took), (WARMUP, warm)):
                    m = pattern.search(line)
                    if m and m["run"] == run and m["stage"] == "0":
                        into[int(m["fold"])] = m
    return took, warm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("--logs", default=".segfold/logs")
    ap.add_argument("--api", default="http://localhost:8080")
    ap.add_argument("--token-file", default=".segfold/api-token")
    a = ap.parse_args()
    token = open(a.token_file).read().strip()
    view = get(a.api, token, "/runs/" + a.run)
    results = get(a.api, token, "/runs/" + a.run + "/results")
    took, warm = from_logs(a.logs, a.run)
    iterations = {v["fold"]: v["evaluatedIteration"] for v in view["foldViews"] if v["stage"] == 0}
    labels = sorted({k for c in results["validationCases"] for k in c["dice"]}, key=int)
    per_fold = collections.defaultdict(lambda: collections.defaultdict(list))
    for c in results["validationCases"]:
        if c["stage"] == 0:
            for k, v in c["dice"].items():
                if v is not None:
                    per_fold[c["fold"]][k].append(v)
    print("| fold | network | warm-up count (ms an iteration) | iterations trained | training time | "
          "Dice " + " / ".join("label " + k for k in labels) + " / mean |")
    print("|---|---|---|---|---|---|")
    everything = collections.defaultdict(list)
    for fold in sorted(per_fold):
        means = [sum(per_fold[fold][k]) / len(per_fold[fold][k]) for k in labels]
        for k in labels:
            everything[k] += per_fold[fold][k]
        w, t = warm.get(fold), took.get(fold)
        network = f"base {w['base']}, batch {w['batch']}" if w else "?"
        warmup = f"{w['n']} ({w['ms']})" if w else "?"
        time = f"{t['s']} s of {t['budget']} ({t['pct']}%)" if t else "?"
        print(f"| {fold} | {network} | {warmup} | {iterations.get(fold)} | {time} | "
              + " / ".join(f"{m:.3f}" for m in means) + f" / {sum(means) / len(means):.3f} |")
    cv = [sum(everything[k]) / len(everything[k]) for k in labels]
    cases = len(everything[labels[0]])
    print(f"| CV ({cases} cases) | | | | | " + " / ".join(f"{m:.3f}" for m in cv)
          + f" / **{sum(cv) / len(cv):.3f}** |")


if __name__ == "__main__":
    main()
