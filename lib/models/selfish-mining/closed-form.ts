/**
 * Closed forms of Eyal & Sirer, "Majority is not Enough: Bitcoin Mining is
 * Vulnerable", FC 2014.
 */

/** Relative revenue of a selfish pool with hash share alpha and tie share gamma (Eyal & Sirer 2014, eq. 8). */
export function selfishRevenue(alpha: number, gamma: number): number {
  const a = alpha;
  const num = a * (1 - a) * (1 - a) * (4 * a + gamma * (1 - 2 * a)) - a * a * a;
  const den = 1 - a * (1 + (2 - a) * a);
  return num / den;
}

/** Smallest alpha at which selfish mining beats honest mining: (1 - gamma) / (3 - 2 gamma) (Eyal & Sirer 2014, Observation 1). */
export function selfishThreshold(gamma: number): number {
  return (1 - gamma) / (3 - 2 * gamma);
}
