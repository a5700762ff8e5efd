/**
 * Misbehavior scoring: each invalid message adds points; at the threshold the
 * peer is disconnected and its IP banned for `banS` seconds. Bitcoin Core
 * before 0.20 (src/net_processing.cpp Misbehaving, DEFAULT_BANSCORE_THRESHOLD
 * = 100, -bantime default DEFAULT_MISBEHAVING_BANTIME = 24 h); since 0.20 a
 * peer at 100 is "discouraged" instead (disconnected, its inbound attempts
 * accepted only when a slot is free), since 26.0 on the first offence.
 */
export const BAN_SCORE_THRESHOLD = 100;
export const DEFAULT_BAN_TIME_S = 24 * 3600;

/** Invalid messages needed to reach the threshold at `points` each. */
export function messagesToBan(points: number, threshold = BAN_SCORE_THRESHOLD): number {
  return Math.ceil(threshold / points);
}

/** Add `points` to `score`; returns the new score and whether it reached the ban threshold. */
export function misbehave(score: number, points: number, threshold = BAN_SCORE_THRESHOLD): { score: number; ban: boolean } {
  const s = score + points;
  return { score: s, ban: s >= threshold };
}
