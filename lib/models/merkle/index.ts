export * from "./hash";
export * from "./tree";
export * from "./multiproof";
export * from "./sparse";
export * from "./verkle";
export * from "./replication";
export * from "./experiment";
export * from "./replication-experiment";
