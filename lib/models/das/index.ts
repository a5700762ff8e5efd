export * as gf65537 from "./field";
export * from "./reed-solomon";
export * from "./two-d";
export * from "./detection";
export * from "./simulate";
export * from "./experiment";
