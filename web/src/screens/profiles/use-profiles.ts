import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { connectionsQuery, syncsQuery } from "../../api/lists";
import { queryKeys } from "../../api/query-keys";
import type { Answer, RequestBody } from "../../api/types";
import type { JobSummary } from "../../components/use-jobs";
import type { Filters, Sorting } from "./filters";
import { profileListQuery } from "./first-page";

export type Profile = Answer<"/api/profiles", "get">["profiles"][number];
export type ProfileStatus = Profile["status"];
export type StartMode = Profile["startMode"];
export type Sync = Answer<"/api/syncs", "get">["syncs"][number];
export type Connection = Answer<"/api/connections", "get">["connections"][number];
export type ProfileAction = RequestBody<"/api/profiles/actions", "post">["action"];

/** The profiles list; while the filters change, the previous rows stay until the new ones come. */
export const useProfileList = (filters: Filters, sorting: Sorting) =>
  useInfiniteQuery({ ...profileListQuery(filters, sorting), placeholderData: keepPreviousData });

/** Every sync (their names, sides and start modes). */
export const useSyncs = () => useQuery(syncsQuery);

/** Every connection (the tenants each side of a sync reaches). */
export const useConnections = () => useQuery(connectionsQuery);

/** The profiles an action is for: these ids, or every profile a filter matches (however many). */
export type Selection = { ids: string[] } | { filter: Filters };

export interface ActionInput {
  action: ProfileAction;
  selection: Selection;
  mode?: StartMode | undefined;
  reason?: string | undefined;
}

/**
 * An action on a selection, always as a background job (`background: true`): one progress panel serves a
 * single profile and ten thousand alike, and no request stays open while thousands are processed.
 */
export function useProfileAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, selection, mode, reason }: ActionInput): Promise<JobSummary> => {
      const body: RequestBody<"/api/profiles/actions", "post"> = {
        action,
        ...selection,
        background: true,
        ...(mode && { mode }),
        ...(reason && { reason }),
      };
      const data = await answer(api.POST("/api/profiles/actions", { body }));
      if (!("id" in data)) throw new Error("crosscal acted at once instead of starting a job");
      return data;
    },
    onSuccess: (job) => {
      queryClient.setQueryData(queryKeys.job(job.id), { ...job, failures: [] });
    },
  });
}

/** A sync's start mode (spelt as in the config file, "only-new") as profiles and actions spell it. */
export const profileStartMode = (mode: Sync["startMode"]): StartMode =>
  mode === "merge" ? "merge" : "only_new";

/** Text of a count in the admin's language: 10,000. */
export const count = (n: number) => n.toLocaleString();

/** "1 profile", "1,240 profiles". */
export const profilesCount = (n: number) => `${count(n)} ${n === 1 ? "profile" : "profiles"}`;
