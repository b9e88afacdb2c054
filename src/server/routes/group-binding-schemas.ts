import { type Static, Type } from "typebox";
import type { GroupRefreshReport } from "../../profiles/group-refresh.js";
import type { GroupBinding } from "../../store/group-bindings.js";
import { documentStartMode } from "../../store/start-mode.js";

/** Request and response shapes of /api/syncs/:syncId/group-bindings, and the conversions to and from the store. */

export const SyncParams = Type.Object({ syncId: Type.String({ minLength: 1, maxLength: 100 }) });
export const BindingParams = Type.Object({
  syncId: Type.String({ minLength: 1, maxLength: 100 }),
  id: Type.String({ minLength: 1, maxLength: 100 }),
});

const GroupRef = Type.String({
  minLength: 1,
  maxLength: 256,
  description: "the group's object id, or its display name (resolved to the id when the binding is made)",
});
const MatchBy = Type.Union(
  [Type.Literal("local-part"), Type.Literal("display-name"), Type.Literal("attribute")],
  {
    description:
      "how members are paired: the local part of their mail address (else UPN), their display name, or a user attribute",
  },
);
const MatchAttribute = Type.String({
  pattern: "^[A-Za-z][A-Za-z0-9_]{0,127}$",
  description: "the user property compared with matchBy attribute, e.g. employeeId or extension_<app>_<name>",
});
const RefreshMinutes = Type.Integer({
  minimum: 5,
  maximum: 10_080,
  description: "minutes between refreshes (5 to 10080, default 60)",
});
const AutoStart = Type.Union([Type.Literal("only-new"), Type.Literal("merge"), Type.Null()], {
  description: "start new profiles in this mode; null leaves them as drafts",
});

export const NewBindingBody = Type.Object(
  {
    groupA: GroupRef,
    groupB: GroupRef,
    matchBy: Type.Optional(MatchBy),
    matchAttribute: Type.Optional(MatchAttribute),
    refreshMinutes: Type.Optional(RefreshMinutes),
    autoStart: Type.Optional(AutoStart),
  },
  { additionalProperties: false },
);
export type NewBinding = Static<typeof NewBindingBody>;

export const BindingPatchBody = Type.Object(
  {
    matchBy: Type.Optional(MatchBy),
    matchAttribute: Type.Optional(Type.Union([MatchAttribute, Type.Null()])),
    refreshMinutes: Type.Optional(RefreshMinutes),
    autoStart: Type.Optional(AutoStart),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type BindingPatch = Static<typeof BindingPatchBody>;

const memberFields = { name: Type.String(), address: Type.String() };
const Member = Type.Object(memberFields);
const profileFields = {
  id: Type.String(),
  name: Type.String(),
  mailboxA: Type.String(),
  mailboxB: Type.String(),
};
const ProfileRef = Type.Object(profileFields);
const GroupSummary = Type.Union([
  Type.Object({ id: Type.String(), name: Type.String(), members: Type.Integer() }),
  Type.Null(),
]);

export const Report = Type.Object(
  {
    refreshedAt: Type.String({ format: "date-time" }),
    groupA: GroupSummary,
    groupB: GroupSummary,
    matched: Type.Integer({ description: "pairs of members matched across the groups" }),
    created: Type.Array(ProfileRef),
    started: Type.Array(ProfileRef, { description: "created and started (autoStart)" }),
    paused: Type.Array(Type.Object({ ...profileFields, reason: Type.String() })),
    resumed: Type.Array(ProfileRef, { description: "back in both groups after this binding paused them" }),
    left: Type.Array(Type.Object({ ...profileFields, status: Type.String() }), {
      description: "every profile of the binding no longer matched, with its status now",
    }),
    skipped: Type.Array(
      Type.Object({
        name: Type.String(),
        mailboxA: Type.String(),
        mailboxB: Type.String(),
        reason: Type.String(),
      }),
      { description: "matched pairs that got no profile, and why" },
    ),
    refused: Type.Array(
      Type.Object({
        profileId: Type.String(),
        action: Type.String(),
        code: Type.String(),
        message: Type.String(),
      }),
    ),
    unmatchedA: Type.Array(Type.Object({ ...memberFields, reason: Type.String() })),
    unmatchedB: Type.Array(Type.Object({ ...memberFields, reason: Type.String() })),
    ambiguous: Type.Array(Type.Object({ key: Type.String(), a: Type.Array(Member), b: Type.Array(Member) }), {
      description: "keys held by several members: none of them is paired",
    }),
    error: Type.Union([Type.String(), Type.Null()], { description: "why the refresh failed" }),
  },
  { description: "what a refresh found and did" },
);

export const GroupSearchQuery = Type.Object({
  side: Type.Union([Type.Literal("A"), Type.Literal("B")], {
    description: "search connection A's tenant or connection B's",
  }),
  search: Type.String({
    minLength: 1,
    maxLength: 256,
    description: "the start of a word of the group's display name, or the group's object id",
  }),
});

export const GroupList = Type.Object({
  groups: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() }), {
    description: "up to 20, by display name",
  }),
});

export const PreviewBody = Type.Object(
  {
    groupA: GroupRef,
    groupB: GroupRef,
    matchBy: Type.Optional(MatchBy),
    matchAttribute: Type.Optional(MatchAttribute),
  },
  { additionalProperties: false },
);

const GroupRead = Type.Object({ id: Type.String(), name: Type.String(), members: Type.Integer() });

export const BindingPreview = Type.Object(
  {
    groupA: GroupRead,
    groupB: GroupRead,
    alreadyBound: Type.Union([Type.String(), Type.Null()], {
      description: "the binding of this sync that already binds these two groups",
    }),
    pairs: Type.Array(
      Type.Object({
        name: Type.String(),
        mailboxA: Type.String(),
        mailboxB: Type.String(),
        outcome: Type.Union([Type.Literal("create"), Type.Literal("skip")]),
        reason: Type.Union([Type.String(), Type.Null()], { description: "why a pair is skipped" }),
      }),
      { description: "matched members: each would get a profile, or is skipped" },
    ),
    unmatchedA: Report.properties.unmatchedA,
    unmatchedB: Report.properties.unmatchedB,
    ambiguous: Report.properties.ambiguous,
  },
  { description: "what binding the two groups would do now; nothing is written" },
);

export const BindingInfo = Type.Object({
  id: Type.String(),
  syncId: Type.String(),
  groupA: Type.String({ description: "group object id in connection A's tenant" }),
  groupB: Type.String({ description: "group object id in connection B's tenant" }),
  matchBy: MatchBy,
  matchAttribute: Type.Union([Type.String(), Type.Null()]),
  refreshMinutes: Type.Integer(),
  autoStart: AutoStart,
  lastRefreshedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  lastReport: Type.Union([Report, Type.Null()]),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type BindingInfoBody = Static<typeof BindingInfo>;

export function bindingInfo(row: GroupBinding): BindingInfoBody {
  return {
    id: row.id,
    syncId: row.syncId,
    groupA: row.groupA,
    groupB: row.groupB,
    matchBy: row.matchBy,
    matchAttribute: row.matchAttribute,
    refreshMinutes: row.refreshMinutes,
    // The API spells start modes as the config file does ("only-new").
    autoStart: row.autoStart === null ? null : documentStartMode(row.autoStart),
    lastRefreshedAt: row.lastRefreshedAt,
    lastReport: row.lastReport === null ? null : (JSON.parse(row.lastReport) as GroupRefreshReport),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
