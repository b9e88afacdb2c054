#!/usr/bin/env node
// The `crosscal` executable: runs the TypeScript sources through tsx, a runtime dependency (the project
// ships no compiled build yet), so `npm link`, `npx crosscal` and a production install all work.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
