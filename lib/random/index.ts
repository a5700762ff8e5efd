export * from "./seed";
export * from "./xoshiro128";
