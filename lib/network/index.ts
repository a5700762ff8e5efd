export * from "./graph";
export * from "./topology";
export * from "./latency";
export * from "./link-latencies";
export * from "./shortest-paths";
export * from "./churn";
export * from "./runtime-config";
export {
  PartitionState,
  resolvePartitionSchedule,
  validatePartitionSchedule,
  type GroupSpec,
  type PartitionScheduleSpec,
  type PartitionWindowSpec,
  type ResolvedPartitionWindow,
  type ResolveOptions as PartitionResolveOptions,
} from "./partition-schedule";
export * from "./pair-latency";
export * from "./message-arena";
export * from "./node-resources";
export * from "./network";
export * from "./graph-network";
