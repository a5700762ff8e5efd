/**
 * Asymptotic round counts of rumor spreading on K_N from one informed node,
 * fanout 1, no failures.
 *
 * Push: Frieze & Grimmett, "The shortest-path problem for graphs with random
 * arc-lengths", Discrete Appl. Math. 10 (1985), proved S_N / (log2 N + ln N)
 * -> 1 in probability; Pittel, "On spreading a rumor", SIAM J. Appl. Math.
 * 47(1), 1987, sharpened it to S_N = log2 N + ln N + O(1) in probability
 * (Pittel's theorem: P(|S_N - log2 N - ln N| > h(N)) -> 0 for every h -> infinity).
 * Pittel's O(1) comes with no limit constant (for the related pull protocol
 * the runtime has no limit law at all, its law depending on the fractional
 * part of a logarithm of N: "Asymptotics for pull on the complete graph",
 * arXiv:2110.09044,
 * 2021). The sharpest explicit bounds on the mean of push that we found
 * are Doerr & Künnemann, "Tight analysis of randomized rumor spreading in
 * complete graphs", ANALCO 2014 (main theorem, stated in the abstract):
 *   floor(log2 N) + ln N - 1.116 <= E[S_N] <= ceil(log2 N) + ln N + 2.765 + o(1).
 *
 * Push-pull: Karp, Schindelhauer, Shenker & Vöcking, "Randomized rumor
 * spreading", FOCS 2000 (their push-pull result): log3 N + O(log log N) rounds with high
 * probability.
 */

/** log2 N + ln N: the leading terms of push (Frieze & Grimmett 1985; Pittel 1987). */
export function pushRoundsLeading(n: number): number {
  return Math.log2(n) + Math.log(n);
}

/** Doerr & Künnemann (ANALCO 2014) bounds on the mean rounds of push, fanout 1 (the upper one up to o(1)). */
export function pushRoundsBounds(n: number): { lower: number; upper: number } {
  const lnN = Math.log(n);
  return { lower: Math.floor(Math.log2(n)) + lnN - 1.116, upper: Math.ceil(Math.log2(n)) + lnN + 2.765 };
}

/** log3 N: the leading term of push-pull (Karp et al., FOCS 2000); the rest is O(log log N). */
export function pushPullRoundsLeading(n: number): number {
  return Math.log(n) / Math.log(3);
}
