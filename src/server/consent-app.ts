// The consent app now lives with connections; kept for cli/commands/serve.ts and its tests until they
// import src/connections/consent-app.ts.
export * from "../connections/consent-app.js";
