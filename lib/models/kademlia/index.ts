/**
 * Kademlia peer discovery (Maymounkov & Mazieres, IPTPS 2002): ids and the
 * XOR metric, k-bucket routing tables, iterative lookups on the shared
 * network, and the experiment `kademlia`.
 */
export * from "./ids";
export * from "./routing-table";
export * from "./build-tables";
export * from "./config";
export { LookupState } from "./lookup";
export * from "./simulate";
export * from "./reference";
export * from "./metrics";
export * from "./experiment";
