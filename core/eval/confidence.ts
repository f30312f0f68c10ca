// How sure a rate is, and whether two models really differ: the Wilson score interval
// of a pass rate and the exact McNemar test on paired cases. On 20 cases a 4-point
// gap is noise; these say so.

/** z for a two-sided 95% interval (the 0.975 normal quantile). */
export const Z_95 = 1.959963984540054;
/** z for 80% power (the 0.8 normal quantile), for the sample-size estimate. */
const Z_POWER_80 = 0.8416212335729143;

/** The 95% Wilson score interval of `passes` out of `n`, as [lo, hi]; [0, 1] when n is 0. */
export function wilsonInterval(passes: number, n: number, z = Z_95): [number, number] {
  if (n === 0) return [0, 1];
  const p = passes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Clamped: at p = 0 or 1 rounding can leave a bound a hair outside [0, 1].
  return [Math.max(0, center - margin), Math.min(1, center + margin)];
}

/**
 * The exact two-sided McNemar test: p = min(1, 2 * P(X <= min(aOnly, bOnly))) with
 * X ~ Binomial(aOnly + bOnly, 1/2); 1 when no case is discordant.
 */
export function mcnemarExact(aOnly: number, bOnly: number): number {
  const n = aOnly + bOnly;
  if (n === 0) return 1;
  const k = Math.min(aOnly, bOnly);
  let tail = 0;
  if (n <= LINEAR_LIMIT) {
    // 2^-n is exact in a double, so small counts give exact p-values (9 vs 1: 22/1024).
    let term = 2 ** -n;
    for (let i = 0; i <= k; i++) {
      tail += term;
      term = (term * (n - i)) / (i + 1);
    }
  } else {
    // In log space, so ten thousand discordant cases neither overflow nor underflow.
    const logHalfN = n * Math.LN2;
    let logChoose = 0;
    for (let i = 0; i <= k; i++) {
      tail += Math.exp(logChoose - logHalfN);
      logChoose += Math.log(n - i) - Math.log(i + 1);
    }
  }
  return Math.min(1, 2 * tail);
}

/** Up to here 2^-n stays a normal double (and the linear sum is exact for small n). */
const LINEAR_LIMIT = 1000;

/**
 * Roughly how many paired cases would tell the two models apart (two-sided 0.05, 80%
 * power) if the discordant rates seen so far held, by Connor's (1987) formula for
 * McNemar's test; null when the discordant counts are equal (no difference to find).
 */
export function casesNeeded(aOnly: number, bOnly: number, cases: number, z = Z_95): number | null {
  if (aOnly === bOnly || cases === 0) return null;
  const p10 = aOnly / cases;
  const p01 = bOnly / cases;
  const discordant = p10 + p01;
  const diff = p10 - p01;
  const root = z * Math.sqrt(discordant) + Z_POWER_80 * Math.sqrt(discordant - diff * diff);
  return Math.ceil((root * root) / (diff * diff));
}
