#!/usr/bin/env python3
"""assess_expect.py: an independent computation of the composite assessment
(docs/assess.md) for the 12-entity x 6-indicator example of
tests/unit/test_composite.c (test "independent"). Python standard library
only; written from the documented rules, not from the C code. Not run by
make check: its printed output is pasted into the C test.

Scheme (the same text is in the C test):
  min_data 80, impute none, decimals 2, aggregate arithmetic
  classes percentile A=20 B=40 C=35 D=5
  exclude industry=D44;  disqualify e05
  pillar econ  weight 55 arithmetic: i1 minmax higher w40 winsor=10,
               i2 minmax lower w35, i3 rank higher w25
  pillar green weight 45 geometric:  i4 ratio higher benchmark=median w50 cap=150,
               i5 target lower target=2 w30, i6 goalposts higher lo=10 hi=60 w20
Usage: python3 tests/tools/assess_expect.py
"""
import math

N = None  # missing
ENT = [  # code, industry, i1..i6
    ("e01", "C35", [120.0, 8.0, 5, 40.0, 1.5, 55.0]),
    ("e02", "C35", [95.0, 6.5, 7, 55.0, 2.5, 30.0]),
    ("e03", "C36", [300.0, 12.0, 7, 25.0, 1.0, 45.0]),
    ("e04", "C35", [60.0, 4.0, 3, 70.0, 4.0, 20.0]),
    ("e05", "C35", [150.0, 5.0, 9, 60.0, 1.8, 58.0]),
    ("e06", "C39", [80.0, 9.5, 2, 35.0, 3.0, 12.0]),
    ("e07", "C35", [110.0, N, 6, 45.0, 2.0, 40.0]),
    ("e08", "C35", [45.0, 7.0, 4, 90.0, 2.2, 65.0]),
    ("e09", "C35", [130.0, 3.0, 8, 50.0, 5.0, 25.0]),
    ("e10", "C35", [70.0, 10.0, 1, 30.0, 1.2, 35.0]),
    ("e11", "C35", [100.0, 6.0, 5, N, N, 50.0]),
    ("e12", "D4420", [90.0, 5.5, 6, 40.0, 2.0, 30.0]),
]
PILLARS = [("econ", 55, "arith", [0, 1, 2]), ("green", 45, "geom", [3, 4, 5])]
W = [40, 35, 25, 50, 30, 20]          # weights within the pillar
MIN_DATA = 80
CLASSES = [("A", 20), ("B", 40), ("C", 35), ("D", 5)]


def quantile(sorted_x, p):            # numpy 'linear'
    h = (len(sorted_x) - 1) * p / 100
    lo = math.floor(h)
    if lo + 1 >= len(sorted_x):
        return sorted_x[-1]
    return sorted_x[lo] + (h - lo) * (sorted_x[lo + 1] - sorted_x[lo])


def median(x):
    s = sorted(x)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def avg_ranks(x):
    order = sorted(range(len(x)), key=lambda i: x[i])
    r = [0.0] * len(x)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + 1 + j + 1) / 2
        i = j + 1
    return r


def share(j):
    for _, pw, _, kids in PILLARS:
        if j in kids:
            return pw / 100 * W[j] / 100


# 1. status
status = {}
for code, ind, v in ENT:
    if ind.startswith("D44"):
        status[code] = "excluded"
        continue
    cov = sum(share(j) for j in range(6) if v[j] is not None) * 100
    status[code] = "rated" if cov >= MIN_DATA - 1e-9 else "short"
rated = [e for e in ENT if status[e[0]] == "rated"]

# 2. normalise per indicator over the rated entities with a value
norm = {e[0]: [None] * 6 for e in rated}
for j in range(6):
    have = [(e[0], e[2][j]) for e in rated if e[2][j] is not None]
    x = [v for _, v in have]
    if j == 0:                                   # winsor=10
        s = sorted(x)
        lo, hi = quantile(s, 10), quantile(s, 90)
        x = [min(hi, max(lo, v)) for v in x]
    if j == 0:
        mn, mx = min(x), max(x)
        y = [100 * (v - mn) / (mx - mn) for v in x]
    elif j == 1:
        mn, mx = min(x), max(x)
        y = [100 * (mx - v) / (mx - mn) for v in x]
    elif j == 2:
        r = avg_ranks(x)
        y = [100 * (ri - 1) / (len(x) - 1) for ri in r]
    elif j == 3:
        b = median(x)
        y = [min(150, 100 * v / b) for v in x]
    elif j == 4:
        y = [min(100, 100 * 2 / v) for v in x]
    else:
        y = [min(100, max(0, 100 * (v - 10) / (60 - 10))) for v in x]
    for (c, _), yi in zip(have, y):
        norm[c][j] = yi

# 3. aggregate: arithmetic / geometric over the children present
score = {}
for c in norm:
    tops = []
    for _, pw, agg, kids in PILLARS:
        pres = [j for j in kids if norm[c][j] is not None]
        sw = sum(W[j] for j in pres)
        if agg == "arith":
            s = sum(W[j] / sw * norm[c][j] for j in pres)
        else:
            s = math.exp(sum(W[j] / sw * math.log(norm[c][j]) for j in pres))
        tops.append((pw, s))
    score[c] = sum(pw / 100 * s for pw, s in tops)


def publish(x):                                  # 2 decimals, half away from zero
    y = x * 100
    f = math.floor(y)
    if abs(y - f - 0.5) <= 1e-9 * max(1, abs(y)):
        return f + 1 if y > 0 else f
    return int(math.floor(abs(y) + 0.5)) * (1 if y >= 0 else -1)


# 4. ranks: disqualified after everyone; ties share the better rank
DISQ = {"e05"}
keyed = sorted(score, key=lambda c: (c in DISQ, -publish(score[c]), c))
rank = {}
for i, c in enumerate(keyed):
    p = keyed[i - 1] if i else None
    if p and (p in DISQ) == (c in DISQ) and publish(score[p]) == publish(score[c]):
        rank[c] = rank[p]
    else:
        rank[c] = i + 1
n = len(keyed)
cls = {}
for c in keyed:
    if c in DISQ:
        cls[c] = CLASSES[-1][0]
        continue
    cum = 0
    for name, sh in CLASSES:
        cum += sh
        if 100 * rank[c] <= cum * n:
            cls[c] = name
            break

print("/* code, score (unrounded), published x100, rank, class */")
for c in keyed:
    print('\t{ "%s", %.9f, %d, %d, "%s" },' % (c, score[c], publish(score[c]), rank[c], cls[c]))
for code, _, _ in ENT:
    if status[code] != "rated":
        print("/* %s: %s */" % (code, status[code]))
