import { type Static, type TSchema, Type } from "typebox";
import { DEFAULT_GRAPH_SCOPE } from "../connections/endpoint-columns.js";
import { IMPORTANCES, RESPONSES, SENSITIVITIES, SHOW_AS } from "../core/mapping/vocabulary.js";

/**
 * The config file's format (version 1), as TypeBox schemas: the validator, the JSON Schema for editors and
 * the REST API, and the documentation of every field. Defaults live in `DEFAULTS` so the schema annotations
 * and the loader that applies them cannot drift apart. Rules that span fields (exactly one credential,
 * endpoints only with `cloud: custom`, references between sections) are checked in `cross-checks.ts`.
 */

export const CLOUDS = ["global", "usgov", "usgov-dod", "china", "custom"] as const;
export const DIRECTIONS = ["two-way", "a-to-b", "b-to-a"] as const;
export const MAPPINGS = ["full-details", "busy"] as const;
export const START_MODES = ["only-new", "merge"] as const;

export const DEFAULTS = {
  cloud: "global",
  direction: "two-way",
  mapping: "busy",
  startMode: "only-new",
  pastDays: 30,
  copyReminders: false,
  massDeletionShare: 0.5,
  massDeletionMinimum: 10,
  emptySideGuard: true,
  graphScope: DEFAULT_GRAPH_SCOPE,
} as const;

const closed = { additionalProperties: false } as const;

const EnvName = Type.String({
  pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
  description:
    "the name of an environment variable, such as CONTOSO_SECRET (the secret itself never goes here)",
});

const FilePath = (description: string) => Type.String({ minLength: 1, description });

export const SecretSourceSchema = Type.Object(
  {
    env: Type.Optional(EnvName),
    file: Type.Optional(
      FilePath(
        "a file holding only the secret (such as a Docker or Kubernetes secret), relative to this file",
      ),
    ),
    value: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        description:
          "the secret itself: only in a config applied through the REST API (POST /api/config), which seals it at once; a file on disk names env or file instead",
      }),
    ),
  },
  {
    ...closed,
    description:
      "where the client secret comes from: env or file on the command line, value through the REST API",
  },
);

export const CertificateSchema = Type.Object(
  {
    certificateFile: FilePath("PEM file with the certificate uploaded to the app registration"),
    privateKeyFile: FilePath("PEM file with the certificate's private key (may be the same file)"),
    privateKeyPassphrase: Type.Optional(
      Type.Object(
        { env: EnvName },
        { ...closed, description: "the environment variable holding the private key's passphrase" },
      ),
    ),
  },
  { ...closed, description: "certificate credential of the app registration" },
);

export const EndpointsSchema = Type.Object(
  {
    authority: Type.String({
      description: "https URL of the Entra ID (login) host, such as https://login.microsoftonline.com",
    }),
    graph: Type.String({
      description: "https URL of the Microsoft Graph host, such as https://graph.microsoft.com",
    }),
    graphScope: Type.Optional(
      Type.String({ default: DEFAULTS.graphScope, description: "the scope requested for Graph tokens" }),
    ),
  },
  { ...closed, description: "custom endpoints, used with cloud: custom only" },
);

const TENANT_PATTERN =
  "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63})$";

export const ConnectionSchema = Type.Object(
  {
    tenant: Type.String({
      pattern: TENANT_PATTERN,
      description: "the tenant's ID (a GUID) or one of its verified domains, such as contoso.onmicrosoft.com",
    }),
    clientId: Type.String({
      format: "uuid",
      description: "the Application (client) ID of the app registration, a GUID",
    }),
    clientSecret: Type.Optional(SecretSourceSchema),
    certificate: Type.Optional(CertificateSchema),
    cloud: Type.Optional(
      Type.Enum(CLOUDS, { default: DEFAULTS.cloud, description: "the Microsoft cloud the tenant lives in" }),
    ),
    endpoints: Type.Optional(EndpointsSchema),
  },
  { ...closed, description: "one tenant, reached through an app registration with app-only access" },
);

export const ProfileSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "the person's name, unique within the sync" }),
    a: Type.String({
      format: "email",
      description: "the person's mailbox in connection a: a UPN or email address",
    }),
    b: Type.String({
      format: "email",
      description: "the person's mailbox in connection b: a UPN or email address",
    }),
  },
  { ...closed, description: "one person: a mailbox on each side" },
);

export const PoliciesSchema = Type.Object(
  {
    copyReminders: Type.Optional(
      Type.Boolean({
        default: DEFAULTS.copyReminders,
        description: "copies keep the original's reminder (off: one person is not reminded twice)",
      }),
    ),
    massDeletionShare: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1,
        default: DEFAULTS.massDeletionShare,
        description:
          "a run that would delete more than this share of a profile's copies stops for confirmation",
      }),
    ),
    massDeletionMinimum: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: DEFAULTS.massDeletionMinimum,
        description: "the mass-deletion guard applies only when a run would delete at least this many copies",
      }),
    ),
    emptySideGuard: Type.Optional(
      Type.Boolean({
        default: DEFAULTS.emptySideGuard,
        description: "a side that suddenly holds no events stops the run for confirmation",
      }),
    ),
  },
  { ...closed, description: "guards and reminders" },
);

/**
 * One field of a custom mapping. Unions like this one are checked by `mapping-checks.ts`, which can tell
 * which alternative was meant; the schema still describes them exactly for editors and the REST API.
 */
const KEEP_OR_OMIT = Type.Enum(["copy", "omit"]);

const valueMode = <V extends TSchema>(value: V) =>
  Type.Union([KEEP_OR_OMIT, Type.Object({ value }, closed)], {
    description: "copy (the original's), omit (empty or default) or { value: ... }",
  });

const textMode = <V extends TSchema>(value: V) =>
  Type.Union(
    [KEEP_OR_OMIT, Type.Object({ value }, closed), Type.Object({ template: Type.String() }, closed)],
    {
      description: "copy (the original's), omit (empty), { value: ... } or { template: ... }",
    },
  );

export const MappingSchema = Type.Object(
  {
    preset: Type.Enum(MAPPINGS, { description: "the preset the mapping starts from" }),
    fields: Type.Optional(
      Type.Object(
        {
          subject: Type.Optional(textMode(Type.String())),
          body: Type.Optional(textMode(Type.String({ description: "plain text" }))),
          location: Type.Optional(textMode(Type.String())),
          showAs: Type.Optional(valueMode(Type.Enum(SHOW_AS))),
          sensitivity: Type.Optional(valueMode(Type.Enum(SENSITIVITIES))),
          importance: Type.Optional(valueMode(Type.Enum(IMPORTANCES))),
          categories: Type.Optional(valueMode(Type.Array(Type.String()))),
          reminder: Type.Optional(
            valueMode(Type.Integer({ minimum: 0, description: "minutes before the start" })),
          ),
        },
        { ...closed, description: "fields of the copy decided otherwise than by the preset" },
      ),
    ),
  },
  { ...closed, description: "a custom mapping: a preset and fields decided otherwise" },
);

const MAPPING_REF = "a preset (busy, full-details), a mapping named under mappings:, or { preset, fields }";

const list = <E extends TSchema>(item: E, description: string) =>
  Type.Array(item, { minItems: 1, description });

export const ConditionsSchema = Type.Object(
  {
    subject: Type.Optional(
      Type.Object(
        {
          contains: Type.Optional(Type.String({ minLength: 1 })),
          equals: Type.Optional(Type.String()),
          matches: Type.Optional(Type.String({ minLength: 1, description: "a regular expression" })),
        },
        { ...closed, description: "the subject contains, equals or matches (case is ignored)" },
      ),
    ),
    sensitivity: Type.Optional(
      list(Type.Enum(SENSITIVITIES), "the original's sensitivity (privacy) is one of these"),
    ),
    showAs: Type.Optional(list(Type.Enum(SHOW_AS), "the original shows as one of these")),
    isAllDay: Type.Optional(Type.Boolean()),
    categories: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: "the original has any of these categories",
      }),
    ),
    response: Type.Optional(list(Type.Enum(RESPONSES), "the mailbox owner's response is one of these")),
    organizer: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: "the organizer's address, or its domain, is one of these",
      }),
    ),
    isOrganizer: Type.Optional(Type.Boolean({ description: "the mailbox owner organizes the meeting" })),
    isRecurring: Type.Optional(Type.Boolean({ description: "the event belongs to a recurring series" })),
    duration: Type.Optional(
      Type.Object(
        {
          minimumMinutes: Type.Optional(Type.Integer({ minimum: 0 })),
          maximumMinutes: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { ...closed, description: "the event lasts this many minutes, bounds included" },
      ),
    ),
    isCancelled: Type.Optional(Type.Boolean()),
  },
  { ...closed, description: "conditions that must all hold (none: every event)" },
);

export const RuleSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "the rule's name, shown as the reason of what it skips" }),
    when: ConditionsSchema,
    // biome-ignore lint/suspicious/noThenProperty: the config file's word; a schema is never awaited.
    then: Type.Union(
      [Type.Literal("skip"), Type.Object({ mapping: Type.String({ minLength: 1 }) }, closed)],
      {
        description: "skip, or { mapping: NAME } with NAME a preset or a mapping named under mappings:",
      },
    ),
  },
  { ...closed, description: "when the conditions hold: skip the event, or copy it with another mapping" },
);

export const SyncSchema = Type.Object(
  {
    a: Type.String({ minLength: 1, description: "the connection on side A" }),
    b: Type.String({ minLength: 1, description: "the connection on side B" }),
    direction: Type.Optional(
      Type.Enum(DIRECTIONS, {
        default: DEFAULTS.direction,
        description: "which side's originals are copied",
      }),
    ),
    mapping: Type.Optional(
      Type.Union([Type.String(), MappingSchema], {
        default: DEFAULTS.mapping,
        description: `what a copy shows of its original: ${MAPPING_REF}`,
      }),
    ),
    startMode: Type.Optional(
      Type.Enum(START_MODES, {
        default: DEFAULTS.startMode,
        description: "what happens to meetings that exist when a profile starts",
      }),
    ),
    window: Type.Optional(
      Type.Object(
        {
          pastDays: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 3650,
              default: DEFAULTS.pastDays,
              description: "events that ended more than this many days ago are not processed",
            }),
          ),
        },
        { ...closed, description: "which events are processed (there is no limit on the future)" },
      ),
    ),
    policies: Type.Optional(PoliciesSchema),
    rules: Type.Optional(
      Type.Array(RuleSchema, {
        default: [],
        description: "tried in order; the first whose conditions hold decides",
      }),
    ),
    profiles: Type.Optional(
      Type.Array(ProfileSchema, { default: [], description: "the people this sync serves" }),
    ),
  },
  { ...closed, description: "two connections, how to copy between them, and for whom" },
);

export const ConfigFileSchema = Type.Object(
  {
    version: Type.Literal(1, { description: "the format version: 1" }),
    connections: Type.Optional(
      Type.Record(Type.String(), ConnectionSchema, { default: {}, description: "tenants, by name" }),
    ),
    mappings: Type.Optional(
      Type.Record(Type.String(), MappingSchema, {
        default: {},
        description: "custom mappings, by name, for syncs and rules to use",
      }),
    ),
    syncs: Type.Optional(
      Type.Record(Type.String(), SyncSchema, { default: {}, description: "syncs, by name" }),
    ),
  },
  { ...closed, description: "a crosscal config file: version, connections, mappings and syncs" },
);

export type ConfigFile = Static<typeof ConfigFileSchema>;
export type ConnectionEntry = Static<typeof ConnectionSchema>;
export type SyncEntry = Static<typeof SyncSchema>;
export type ProfileEntry = Static<typeof ProfileSchema>;
export type MappingEntry = Static<typeof MappingSchema>;
export type RuleEntry = Static<typeof RuleSchema>;
export type CloudName = (typeof CLOUDS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type MappingName = (typeof MAPPINGS)[number];
export type StartMode = (typeof START_MODES)[number];
