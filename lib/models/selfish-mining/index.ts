export * from "./closed-form";
export * from "./simulate";
export * from "./experiment";
