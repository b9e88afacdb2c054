#!/usr/bin/env node
// The `m365-emulator` executable: the package ships its TypeScript sources, which tsx compiles as they load.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
