/**
 * The eclipse attack on Bitcoin's peer-to-peer network (Heilman, Kendler,
 * Zohar & Goldberg, USENIX Security 2015): the address manager's tried and
 * new tables with their network-group bucketing (0.9.3 and with the paper's
 * countermeasures), outbound selection at restart, the analysis of the
 * poisoned tables, the damage of an eclipse, and the experiment `eclipse`.
 */
export * from "./bitcoin-constants";
export * from "./addresses";
export * from "./addrman";
export * from "./select";
export * from "./restart";
export * from "./theory";
export * from "./attack";
export * from "./damage";
export * from "./addr-relay";
export * from "./experiment";
