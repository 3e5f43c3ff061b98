"""Expected figures of ConfidenceSummaryTests, computed independently of the hub with exact fractions.

Run: python3 summary_expected_values.py. The responses are generated here as the test generates them (Cwm Taf:
Rhondda Cynon Taf weighted, Merthyr Tydfil unweighted). Percent = 100 * sum w(agree) / sum w(all); Kish n_eff =
(sum w)^2 / sum w^2; Wilson score interval on n_eff with z = 1.959964; two-proportion z-test on the effective bases.
"""
from fractions import Fraction as F
from decimal import Decimal, getcontext

getcontext().prec = 40
Z = Decimal("1.959964")
AGREE = ("strongly-agree", "tend-to-agree")

def dec(f):
    return Decimal(f.numerator) / Decimal(f.denominator)

def figure(name, responses):
    agree = sum(w for a, w in responses if a in AGREE)
    total = sum(w for a, w in responses)
    squares = sum(w * w for a, w in responses)
    p, n = agree / total, total * total / squares
    pd, nd = dec(p), dec(n)
    centre, spread, denom = pd + Z * Z / (2 * nd), Z * (pd * (1 - pd) / nd + Z * Z / (4 * nd * nd)).sqrt(), 1 + Z * Z / nd
    print(f"{name}: n={len(responses)} numerator={float(agree)} denominator={float(total)} percent={float(p * 100):.12g} "
          f"n_eff={float(n):.12g} ci95=[{(centre - spread) / denom * 100:.12g}, {(centre + spread) / denom * 100:.12g}]")
    return p, n

def change(name, current, previous):
    (p1, n1), (p2, n2) = current, previous
    pbar = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = dec(p1 - p2) / dec(pbar * (1 - pbar) * (1 / n1 + 1 / n2)).sqrt()
    print(f"{name}: z={z:.12g} -> {'increase' if z > Z else 'decrease' if z < -Z else 'no-significant-change'}")

# Rhondda Cynon Taf, 12 months to 2012-06-30: 60 responses, weights 0.5, 0.75, 1, 1.25 in turn; i % 5 < 3 agree.
rct = [("strongly-agree" if i % 5 < 3 and i % 2 == 0 else "tend-to-agree" if i % 5 < 3 else "tend-to-disagree" if i % 5 == 3 else "dont-know",
        F(1, 2) + F(1, 4) * (i % 4)) for i in range(60)]
merthyr = [("tend-to-agree" if i < 13 else "tend-to-disagree", F(1)) for i in range(20)]
rct_before = [("tend-to-agree" if i < 20 else "tend-to-disagree", F(1)) for i in range(50)]
merthyr_before = [("tend-to-agree" if i < 4 else "tend-to-disagree", F(1)) for i in range(10)]

figure("rhondda cynon taf", rct)
figure("merthyr tydfil", merthyr)
cwm_taf = figure("cwm taf", rct + merthyr)
cwm_taf_before = figure("cwm taf before", rct_before + merthyr_before)
change("cwm taf vs before", cwm_taf, cwm_taf_before)
