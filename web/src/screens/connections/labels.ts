import type { Cloud, Connection } from "./use-connections";

export const CLOUD_LABELS: Record<Cloud, string> = {
  global: "Global (microsoftonline.com)",
  usgov: "US Government (GCC High)",
  "usgov-dod": "US Government (DoD)",
  china: "China (21Vianet)",
  custom: "Custom endpoints",
};

export const credentialOf = (connection: Connection) =>
  connection.credentialKind === "certificate" ? "certificate" : "client secret";
