"""Expected figures of ConfidenceIndicatorTests, computed independently of the hub with exact fractions.

Run: python3 expected_values.py. Percent = 100 * sum w(agree) / sum w(all); Kish n_eff = (sum w)^2 / sum w^2;
Wilson score interval on n_eff with z = 1.959964; two-proportion z-test on the effective bases.
"""
from fractions import Fraction as F
from decimal import Decimal, getcontext

getcontext().prec = 40
Z = Decimal("1.959964")

def wilson(p, n):
    p, n = Decimal(p.numerator) / Decimal(p.denominator), Decimal(n.numerator) / Decimal(n.denominator)
    centre = p + Z * Z / (2 * n)
    spread = Z * (p * (1 - p) / n + Z * Z / (4 * n * n)).sqrt()
    denom = 1 + Z * Z / n
    return (centre - spread) / denom * 100, (centre + spread) / denom * 100

def figure(name, responses):
    agree = sum(F(w) for a, w in responses if a in ("strongly-agree", "tend-to-agree"))
    total = sum(F(w) for a, w in responses)
    squares = sum(F(w) * F(w) for a, w in responses)
    p = agree / total
    n_eff = total * total / squares
    lo, hi = wilson(p, n_eff)
    print(f"{name}: n={len(responses)} numerator={float(agree)} denominator={float(total)} sumsq={float(squares)} "
          f"percent={float(p * 100):.12g} n_eff={float(n_eff):.12g} ci95=[{lo:.12g}, {hi:.12g}]")
    return p, n_eff

# Cardiff's responses in 2015 as they stand after the corrections, cancellation and re-sends of the test.
cardiff = [("strongly-agree", "1.5"), ("tend-to-agree", "0.5"), ("neither-agree-nor-disagree", "2"), ("tend-to-disagree", "1"),
           ("strongly-disagree", "1.25"), ("dont-know", "0.75"), ("strongly-agree", "3"), ("tend-to-agree", "1")]
swansea = [("strongly-agree", "1"), ("dont-know", "1"), ("strongly-disagree", "1"), ("tend-to-agree", "1")]
figure("cardiff 2015", cardiff)
figure("wales 2015", cardiff + swansea)

def unweighted(agree, n):
    return [("tend-to-agree", "1")] * agree + [("tend-to-disagree", "1")] * (n - agree)

def change(name, current, previous):
    (p1, n1), (p2, n2) = current, previous
    pbar = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = (Decimal(float(pbar * (1 - pbar) * (1 / n1 + 1 / n2)))).sqrt()
    z = (Decimal(float(p1 - p2))) / se
    print(f"{name}: z={z:.12g} -> {'increase' if z > Z else 'decrease' if z < -Z else 'no-significant-change'}")

north_2016, north_2017 = figure("north wales 2016", unweighted(78, 200)), figure("north wales 2017", unweighted(100, 200))
gwent_2016, gwent_2017 = figure("gwent 2016", unweighted(100, 200)), figure("gwent 2017", unweighted(104, 200))
change("north wales 2017 vs 2016", north_2017, north_2016)
change("gwent 2017 vs 2016", gwent_2017, gwent_2016)
figure("wales 2017", unweighted(100, 200) + unweighted(104, 200) + unweighted(4, 10))
# Trajectory of the progress test: (2016-09-30, 39) -> (2017-03-31, 52) -> (2018-03-31, 57), on 2017-12-31.
from datetime import date
days = (date(2017, 12, 31) - date(2017, 3, 31)).days
span = (date(2018, 3, 31) - date(2017, 3, 31)).days
print(f"trajectory 2017-12-31: {float(F(52) + F(5) * F(days, span)):.12g}")
