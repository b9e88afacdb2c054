// A separate process that loads the secret key for the data folder named by argv[2] and prints its key id,
// so tests can race real processes creating the key file. It says "ready" first and waits for a line on
// stdin before loading, so the test can release all of them at the same moment.
import { createInterface } from "node:readline";
import { loadSecretBox } from "../../src/secrets/key.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: key-process.ts <data folder>");
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
await new Promise((resolve) => lines.once("line", resolve));
lines.close();
const { box, origin } = await loadSecretBox({ dataDir });
process.stdout.write(`${JSON.stringify({ keyId: box.keyId, origin })}\n`);
