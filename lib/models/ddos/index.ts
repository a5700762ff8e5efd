export * from "./token-bucket";
export * from "./request-ring";
export * from "./counters";
export * from "./victim";
export * from "./theory";
export * from "./simulate";
export * from "./experiment";
