"""The table of a time-budgeted run through the services (docs/BENCHMARKS.md "A 12- and 30-minute
time budget per fold"): per fold the warm-up's count, the iterations trained, the training time
against the budget (from the trainers' "training took" log lines) and the validation Dice (from
GET /runs/{id}/results, nnU-Net's per-case mean), then the CV row over every fold's cases. With
--rss DIR (bench/hippocampus_budget.sh's trainer-service-N-rss.txt files) also the peak resident
memory of the trainer that trained each fold, over its training time.

usage: python3 bench/budget_table.py RUN_ID [--logs .segfold/logs] [--api http://localhost:8080]
       [--token-file .segfold/api-token] [--rss DIR]
"""
import argparse
import collections
import datetime
import glob
import json
import os
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
    """Per fold of stage 0: the last 'training took' and warm-up lines of this run in any trainer's log,
    and the trainer and training window (epoch seconds, from the 'training took' line's time stamp)."""
    took, warm, window = {}, {}, {}
    for path in sorted(glob.glob(logs + "/trainer-service-*.log")):
        trainer = os.path.basename(path)[:-len(".log")]
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                for pattern, into in ((TOOK, took), (WARMUP, warm)):
                    m = pattern.search(line)
                    if m and m["run"] == run and m["stage"] == "0":
                        into[int(m["fold"])] = m
                        if pattern is TOOK:
                            end = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f").timestamp()
                            window[int(m["fold"])] = (trainer, end - float(m["s"]), end)
    return took, warm, window


def peak_rss_gb(rss_dir, trainer, start, end):
    """The largest sample in [start, end] of the trainer's RSS file, in GB; None without samples."""
    path = os.path.join(rss_dir, trainer + "-rss.txt")
    if not os.path.exists(path):
        return None
    samples = [line.split() for line in open(path)]
    kb = [int(v[1]) for v in samples if len(v) == 2 and start <= int(v[0]) <= end]
    return max(kb) / 1e6 if kb else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("--logs", default=".segfold/logs")
    ap.add_argument("--api", default="http://localhost:8080")
    ap.add_argument("--token-file", default=".segfold/api-token")
    ap.add_argument("--rss", help="folder of trainer-service-N-rss.txt samples (epoch seconds, kB)")
    a = ap.parse_args()
    token = open(a.token_file).read().strip()
    view = get(a.api, token, "/runs/" + a.run)
    results = get(a.api, token, "/runs/" + a.run + "/results")
    took, warm, window = from_logs(a.logs, a.run)
    iterations = {v["fold"]: v["evaluatedIteration"] for v in view["foldViews"] if v["stage"] == 0}
    labels = sorted({k for c in results["validationCases"] for k in c["dice"]}, key=int)
    per_fold = collections.defaultdict(lambda: collections.defaultdict(list))
    for c in results["validationCases"]:
        if c["stage"] == 0:
            for k, v in c["dice"].items():
                if v is not None:
                    per_fold[c["fold"]][k].append(v)
    rss_column = " trainer peak RSS |" if a.rss else ""
    print("| fold | network | warm-up count (ms an iteration) | iterations trained | training time | "
          "Dice " + " / ".join("label " + k for k in labels) + " / mean |" + rss_column)
    print("|---|---|---|---|---|---|" + ("---|" if a.rss else ""))
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
              + " / ".join(f"{m:.3f}" for m in means) + f" / {sum(means) / len(means):.3f} |"
              + (f" {rss_cell(a.rss, window.get(fold))} |" if a.rss else ""))
    cv = [sum(everything[k]) / len(everything[k]) for k in labels]
    cases = len(everything[labels[0]])
    print(f"| CV ({cases} cases) | | | | | " + " / ".join(f"{m:.3f}" for m in cv)
          + f" / **{sum(cv) / len(cv):.3f}** |" + (" |" if a.rss else ""))


def rss_cell(rss_dir, fold_window):
    if fold_window is None:
        return "?"
    trainer, start, end = fold_window
    gb = peak_rss_gb(rss_dir, trainer, start, end)
    return f"{gb:.2f} GB ({trainer})" if gb is not None else "?"


if __name__ == "__main__":
    main()
