import { infiniteQueryOptions, type QueryClient } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { connectionsQuery, PREFETCH_FRESH_MS, syncsQuery } from "../../api/lists";
import { queryKeys } from "../../api/query-keys";
import { type Filters, fromSearch, type Sorting } from "./filters";

/** Rows fetched at a time: the first screenful arrives in one small answer; more as the admin scrolls. */
export const PAGE_SIZE = 100;

/**
 * The profiles matching the filters, in the order asked for, page after page (keyset cursor). `total` on
 * every page is how many match.
 */
export function profileListQuery(filters: Filters, sorting: Sorting) {
  const params = { ...filters, sort: sorting.sort, order: sorting.order };
  return infiniteQueryOptions({
    queryKey: queryKeys.profileList(params),
    queryFn: ({ pageParam, signal }) =>
      answer(
        api.GET("/api/profiles", {
          params: {
            query: { ...params, limit: PAGE_SIZE, ...(pageParam !== null && { cursor: pageParam }) },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    staleTime: PREFETCH_FRESH_MS,
  });
}

/**
 * What the Profiles screen shows first, asked for on a page's first load beside the session check and
 * before the screen's code (navigation.ts): its first rows then need no round trip after it renders. In
 * the main bundle, so kept to the queries alone (a few hundred bytes).
 */
export async function prefetchProfilesScreen(queryClient: QueryClient, search: string): Promise<void> {
  const { filters, sorting } = fromSearch(search);
  await Promise.all([
    queryClient.prefetchInfiniteQuery(profileListQuery(filters, sorting)),
    queryClient.prefetchQuery(syncsQuery),
    queryClient.prefetchQuery(connectionsQuery),
  ]);
}
