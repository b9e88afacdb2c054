// Dependency rules of crosscal (ARCHITECTURE.md "Layout", STYLE.md "Rooms and doors"), checked by
// `npm run lint` on src/ and emulator/. test/, bench/ and scripts/ are not checked: they drive crosscal
// and the emulator together, so they may import both.
// Imports that break a rule today and are being removed are listed, one import each, in
// .dependency-cruiser-known-violations.json (`--ignore-known`); the architecture test fails when an entry
// no longer occurs, so the list only shrinks.

/** Layers of src/, from the ground up. An import never runs up a layer. */
const LAYERS = [
  ["core"],
  ["graph", "store", "secrets"],
  ["engine", "connections", "profiles", "notifications", "config"],
  ["jobs"],
  ["server", "cli"],
];

/**
 * Imports allowed between rooms of the same layer, each pair in the one direction it has today. Any other
 * import between rooms of a layer is forbidden, so no two rooms import each other.
 */
const SIDEWAYS = {
  // key.ts keeps the secret key in the data folder, which store/data-folder.ts locates.
  secrets: ["store"],
  // Verifying a profile's mailboxes goes through its connections' Graph clients.
  profiles: ["connections"],
  // Applying the config file creates connections and profiles and writes the engine's sync settings.
  config: ["connections", "profiles", "engine"],
  // `crosscal serve` starts the server.
  cli: ["server"],
};

for (const [room, targets] of Object.entries(SIDEWAYS)) {
  for (const target of targets) {
    if (SIDEWAYS[target]?.includes(room))
      throw new Error(`SIDEWAYS lets ${room} and ${target} import each other`);
  }
}

const rooms = (names) => `^src/(${names.join("|")})/`;

const noUpwardImport = LAYERS.slice(1, -1).map((layer, index) => {
  const above = LAYERS.slice(index + 2).flat();
  return {
    name: "no-upward-import",
    comment:
      `${layer.join(", ")} must not import ${above.join(", ")}: imports go down the layers ` +
      "(core -> graph, store, secrets -> engine, connections, profiles, notifications, config -> jobs -> " +
      "server, cli). Type imports count too: a type from a higher room still ties this room to it.",
    severity: "error",
    from: { path: rooms(layer) },
    to: { path: rooms(above) },
  };
});

const noSidewaysImport = LAYERS.flatMap((layer) =>
  layer.flatMap((room) => {
    const allowed = SIDEWAYS[room] ?? [];
    const forbidden = layer.filter((other) => other !== room && !allowed.includes(other));
    if (forbidden.length === 0) return [];
    return [
      {
        name: "no-sideways-import",
        comment:
          `${room} must not import ${forbidden.join(", ")} (same layer): between two rooms of a layer ` +
          "imports run one way only (SIDEWAYS in .dependency-cruiser.mjs), so no two rooms import each " +
          "other; a piece both need belongs in a lower room, usually core.",
        severity: "error",
        from: { path: rooms([room]) },
        to: { path: rooms(forbidden) },
      },
    ];
  }),
);

/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "core-imports-only-core",
      comment:
        "core is the pure domain: it imports nothing from the other folders of crosscal (node built-ins " +
        "and npm packages are fine), so every room can use it and it can be tested alone.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { pathNot: ["^src/core/", "(^|/)node_modules/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "src-folder-is-a-room",
      comment:
        "Every folder of src/ is a room of LAYERS in .dependency-cruiser.mjs, so the layer rules see it: " +
        "add a new room there, on its layer.",
      severity: "error",
      from: { path: "^src/", pathNot: rooms(LAYERS.flat()) },
      to: {},
    },
    ...noUpwardImport,
    ...noSidewaysImport,
    {
      name: "no-circular",
      comment:
        "No loop of run-time imports between files: in a loop, one module runs before another it needs, " +
        "which then reads as undefined. Loops closed only by `import type` (or `import(...)` types) are " +
        "allowed: verbatimModuleSyntax erases them, so they do not exist at run time.",
      severity: "error",
      from: { path: "^(src|emulator)/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only", "type-import"] } },
    },
    {
      name: "src-not-emulator",
      comment:
        "crosscal never imports the emulator (emulator/ or the m365-emulator package): the emulator is " +
        "for tests and demos, and production code must not depend on it.",
      severity: "error",
      from: { path: "^src/" },
      // The package resolves to emulator/ (to ../../../emulator/ from the test's fixture tree).
      to: { path: ["^(\\.\\./)*emulator/", "(^|/)node_modules/m365-emulator/"] },
    },
    {
      name: "emulator-not-crosscal",
      comment:
        "The emulator is an independent implementation written from Microsoft's documented behaviour: it " +
        "imports nothing of crosscal. If it shared code with the connector, both would share their bugs.",
      severity: "error",
      from: { path: "^emulator/" },
      to: { pathNot: ["^emulator/", "(^|/)node_modules/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "graph-sdk-stays-in-graph",
      comment:
        "The connector does not leak Graph types past src/graph: MSAL and the Graph client and types are " +
        "imported only there; the other rooms use core's event model and the connector's own types.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/graph/" },
      to: {
        path: "(^|/)node_modules/(@azure/msal-node|@azure/msal-common|@microsoft/microsoft-graph-(client|types))/",
      },
    },
    {
      name: "no-unresolvable-import",
      comment:
        "An import the checker cannot resolve escapes every rule above; a missing package or a wrong " +
        "path is a bug anyway.",
      severity: "error",
      from: { path: "^(src|emulator)/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "(^|/)node_modules/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
  },
};
