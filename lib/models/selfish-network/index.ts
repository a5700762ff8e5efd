/** The selfish pool on the proof-of-work network (issue #14, item 3). */
export * from "./pool-network";
export * from "./pool-strategy";
export * from "./simulate";
export * from "./measure";
export * from "./experiment";
