export * from "./event-queue";
export * from "./simulation";
