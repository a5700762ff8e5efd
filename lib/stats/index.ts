/** Statistics for simulation output: intervals for means and proportions, batch means, paired differences, precision targets. */
export * from "./level";
export * from "./t-interval";
export * from "./proportion";
export * from "./wilson";
export * from "./clopper-pearson";
export * from "./proportion-interval";
export * from "./batch-means";
export * from "./paired-difference";
export * from "./precision";
