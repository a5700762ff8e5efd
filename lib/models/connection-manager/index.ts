export * from "./dns-seeds";
export * from "./eviction";
export * from "./token-bucket";
export * from "./misbehavior";
export * from "./simulate";
export * from "./experiment";
