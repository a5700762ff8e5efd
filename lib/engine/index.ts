export * from "./event-queue";
export * from "./simulation";
export * from "./scope";
export * from "./timers";
