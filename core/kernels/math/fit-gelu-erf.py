#!/usr/bin/python3
"""Fits the rational approximation of Φ(x) = 0.5 + 0.5·erf(x/√2) that math-scalar.h's gelu_erf_approx
uses: Φ(x) ≈ 0.5 + a·P(a²)/Q(a²), a = x clamped to ±CLAMP, P of 6 and Q of 6 coefficients with
Q's constant term 1. The minimax fit comes from linearised least squares (Sanathanan-Koerner)
reweighted towards the largest errors (Lawson). Prints the coefficients as C++ and the errors
of the float32 evaluation (Horner, a multiply and an add per step) against double-precision
GELU on [-10, 10]. Needs numpy (Debian python3-numpy): /usr/bin/python3 fit-gelu-erf.py"""
import math

import numpy as np

CLAMP = 5.5  # erf(5.5/√2) = 1 - 3.8e-8: past it, Φ is 0 or 1 in float32
NP, NQ = 6, 5  # coefficients of P; of Q besides its constant 1


def fit():
    t = np.linspace(0.0, math.pi, 4000)
    a = np.sort(np.concatenate([CLAMP * (1 - np.cos(t)) / 2, np.linspace(0.0, CLAMP, 4000)]))
    f = np.array([0.5 * math.erf(v / math.sqrt(2.0)) for v in a])
    s = a * a
    p_cols = np.stack([a * s**k for k in range(NP)], 1)
    q_cols = np.stack([-f * s**k for k in range(1, NQ + 1)], 1)
    w, q = np.ones_like(a), np.ones_like(a)
    for _ in range(300):
        ww = w / np.abs(q)
        sol = np.linalg.lstsq(np.hstack([p_cols, q_cols]) * ww[:, None], f * ww, rcond=None)[0]
        p, qc = sol[:NP], np.concatenate([[1.0], sol[NP:]])
        q = np.polyval(qc[::-1], s)
        err = a * np.polyval(p[::-1], s) / q - f
        w = w * np.sqrt(np.abs(err)) + 1e-30
        w /= w.max()
    return p.astype(np.float32), qc.astype(np.float32), np.abs(err).max()


def gelu_f32(x, p, q):
    f32 = np.float32
    a = np.minimum(np.maximum(x, f32(-CLAMP)), f32(CLAMP))
    s = a * a
    num, den = np.full_like(s, p[-1]), np.full_like(s, q[-1])
    for c in p[-2::-1]:
        num = num * s + c
    for c in q[-2::-1]:
        den = den * s + c
    return np.where(x < f32(-CLAMP), f32(0.0), x * ((a * num) / den + f32(0.5)))


def main():
    p, q, fit_err = fit()
    assert (q > 0).all(), "Q must have no root on the real line"
    x = np.linspace(-10.0, 10.0, 200001).astype(np.float32)
    got = gelu_f32(x, p, q).astype(np.float64)
    ref = np.array([0.5 * v * math.erfc(-v / math.sqrt(2.0)) for v in x.astype(np.float64)])
    err, pos = np.abs(got - ref), x > 0
    print(f"// |Φ error| <= {fit_err:.2e} in exact arithmetic on [0, {CLAMP}]")
    print(f"// float32 GELU on [-10, 10]: relative error <= {(err[pos] / ref[pos]).max():.2e} for x > 0,"
          f" absolute error <= {(err[~pos] / np.maximum(1.0, -x[~pos])).max():.2e}·max(1, |x|) for x <= 0")
    for i, c in enumerate(p):
        print(f"constexpr float GELU_P{i} = {c.item():.9e}f;")
    for i, c in enumerate(q[1:], 1):
        print(f"constexpr float GELU_Q{i} = {c.item():.9e}f;")


if __name__ == "__main__":
    main()
