/**
 * Parallel execution and batch compression: optimistic execution with
 * rollback (Block-STM, Gelashvili et al. 2023) against scheduling from
 * declared access lists (Sealevel) on simulated threads, and the bytes-vs-CPU
 * trade-off of compressing rollup batches with zlib.
 */
export * from "./transactions";
export * from "./semantics";
export * from "./serial";
export * from "./index-heap";
export * from "./threads";
export * from "./access-list";
export * from "./access-list-reference";
export * from "./critical-path";
export * from "./block-stm";
export * from "./block-stm-reference";
export * from "./experiment";
export * from "./batch-encoding";
export * from "./compress";
export * from "./compression-experiment";
