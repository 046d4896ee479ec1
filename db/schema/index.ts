export * from "./roles";
export * from "./plans";
export * from "./identity";
export * from "./tenancy";
export * from "./api-keys";
export * from "./audit";
