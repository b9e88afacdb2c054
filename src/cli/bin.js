#!/usr/bin/env node
// The `crosscal` executable: runs the TypeScript sources through tsx (the project ships no compiled build
// yet), so `npm link` or `npx crosscal` work from a checkout.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
