/**
 * consensus-lab: the public API notebooks and scripts import.
 *   import { sweep, selfishMining, cartesian } from "consensus-lab";
 */
export * from "./random";
export * from "./experiment/params";
export * from "./experiment/experiment";
export * from "./sweep/grid";
export * from "./sweep/summary";
export * from "./sweep/run-point";
export * from "./sweep/sweep";
export * from "./models/registry";
export * from "./models/selfish-mining";
export * from "./charts";
export * from "./figures";
