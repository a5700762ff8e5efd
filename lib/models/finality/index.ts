/**
 * Probabilistic finality of Nakamoto consensus: how likely a double spend
 * succeeds after z confirmations (Nakamoto 2008 section 11; Rosenfeld 2014),
 * how many confirmations a risk target needs, and the Monte Carlo race.
 * Split from the proof-of-work network model (../pow-network), with which it
 * shares no code: this folder is the closed forms and the block race.
 */
export * from "./finality-params";
export * from "./finality-nakamoto";
export * from "./finality-rosenfeld";
export * from "./finality-confirmations";
export * from "./double-spend-simulate";
export * from "./double-spend-experiment";
