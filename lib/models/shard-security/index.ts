export * from "./log-factorial";
export * from "./takeover";
export * from "./simulate";
export * from "./cross-shard";
export * from "./experiment";
