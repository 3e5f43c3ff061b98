#!/usr/bin/env python3
"""Expected values for the public-confidence indicator tests, computed independently of the C# code.

Run: python3 reference_values.py   (needs mpmath). Everything is evaluated at 50 significant digits straight
from the formulas in statistics.md ("Survey proportions") and the indicator's contract: sums of weights as
exact fractions, Kish's effective base, the Wilson interval in its O-and-n form, the pooled two-proportion
z-test, and the target trajectory as linear interpolation in whole days. z = Φ⁻¹(0.975) exactly.
"""
from datetime import date
from fractions import Fraction

from mpmath import mp, mpf, sqrt, erfinv

mp.dps = 50
Z = sqrt(2) * erfinv(mpf("0.95"))


def show(label, value):
    print(f"{label} = {mp.nstr(value, 15)}")


def wilson(o, n):
    """(2O + z² ∓ z√(z² + 4O(1 − O/n))) / (2(n + z²)), O and n possibly fractional."""
    o, n = mpf(o), mpf(n)
    centre = 2 * o + Z ** 2
    spread = Z * sqrt(Z ** 2 + 4 * o * (1 - o / n))
    return (centre - spread) / (2 * (n + Z ** 2)), (centre + spread) / (2 * (n + Z ** 2))


def estimate(label, responses):
    """responses: (weight as a decimal string, agrees)."""
    weights = [(Fraction(w), agrees) for w, agrees in responses]
    numerator = sum(w for w, agrees in weights if agrees)
    denominator = sum(w for w, _ in weights)
    squares = sum(w * w for w, _ in weights)
    p = numerator / denominator
    n_eff = denominator * denominator / squares
    lower, upper = wilson(mpf(p.numerator) / p.denominator * (mpf(n_eff.numerator) / n_eff.denominator),
                          mpf(n_eff.numerator) / n_eff.denominator)
    print(f"# {label}: base {len(weights)}, numerator {float(numerator)!r}, denominator {float(denominator)!r}, "
          f"sum of squares {float(squares)!r}")
    show(f"{label} percent", 100 * mpf(p.numerator) / p.denominator)
    show(f"{label} effective base", mpf(n_eff.numerator) / n_eff.denominator)
    show(f"{label} ci95 lower", 100 * lower)
    show(f"{label} ci95 upper", 100 * upper)


def change(label, p1, n1, p2, n2):
    p1, p2, n1, n2 = mpf(p1), mpf(p2), mpf(n1), mpf(n2)
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    direction = "Increase" if z > Z else "Decrease" if z < -Z else "NoSignificantChange"
    show(f"{label} z", z)
    print(f"{label} direction = {direction}")


def trajectory(label, baseline, milestones, day):
    points = [baseline] + milestones
    if day <= points[0][0]:
        value = Fraction(points[0][1])
    elif day >= points[-1][0]:
        value = Fraction(points[-1][1])
    else:
        (d0, v0), (d1, v1) = next((a, b) for a, b in zip(points, points[1:]) if a[0] <= day <= b[0])
        value = Fraction(v0) + (Fraction(v1) - Fraction(v0)) * (day - d0).days / (d1 - d0).days
    show(f"{label} {day.isoformat()}", mpf(value.numerator) / value.denominator)


show("z95", Z)

# Unweighted: every weight 1, so n_eff = n and the interval is the ordinary Wilson one.
estimate("unweighted 480 of 995", [("1", True)] * 480 + [("1", False)] * 515)

# A handful of weighted answers (the last is a don't-know: in the base, not agreeing).
estimate("weighted handful", [("0.5", True), ("1.25", True), ("2", False), ("0.8", True), ("1.1", False),
                              ("0.6", True), ("1.7", False), ("0.9", True), ("1.4", False)])

# A survey-sized weighted sample: 830 answers i = 0…829, weight 0.6, 0.9, 1.2, 1.5 by i % 4,
# agreeing when i % 20 < 9 (so 45% unweighted, fewer weighted).
cycle = ["0.6", "0.9", "1.2", "1.5"]
estimate("weighted 830", [(cycle[i % 4], i % 20 < 9) for i in range(830)])

# Change between periods: current first, then previous, as proportions on effective bases.
change("south wales 47% of 996 vs 39% of 1000", "0.47", 996, "0.39", 1000)
change("dyfed-powys 48% of 995 vs 44% of 995", "0.48", 995, "0.44", 995)
change("fall 39% of 1000 vs 47% of 996", "0.39", 1000, "0.47", 996)

# Gwent's trajectory: baseline 12 months to 2008-09-30 at 39%, milestone 2011-03-31 at 52.0, target 2012-03-31 at 57.0.
gwent = ((date(2008, 9, 30), "39"), [(date(2011, 3, 31), "52.0"), (date(2012, 3, 31), "57.0")])
for d in [date(2008, 1, 1), date(2008, 9, 30), date(2009, 9, 30), date(2011, 3, 31), date(2011, 9, 30),
          date(2012, 3, 31), date(2013, 1, 1)]:
    trajectory("gwent", *gwent, d)
