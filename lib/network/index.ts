export * from "./graph";
export * from "./topology";
export * from "./latency";
export * from "./link-latencies";
export * from "./shortest-paths";
export * from "./churn";
export * from "./partition";
export * from "./network";
