import { useInfiniteQuery } from "@tanstack/react-query";
import { answer, api } from "../../api/client";
import { queryKeys } from "../../api/query-keys";
import type { Answer } from "../../api/types";
import { decisionsQuery, type Filters, runsQuery } from "./filters";

export type Run = Answer<"/api/runs", "get">["runs"][number];
export type Decision = Answer<"/api/decisions", "get">["decisions"][number];

const nextPage = (page: { nextCursor: string | null }) => page.nextCursor ?? undefined;

/** GET /api/runs with the filters, page after page ("load more" follows `nextCursor`). */
export const useRunPages = (filters: Filters) =>
  useInfiniteQuery({
    queryKey: queryKeys.runList(runsQuery(filters)),
    queryFn: ({ pageParam, signal }) =>
      answer(api.GET("/api/runs", { params: { query: runsQuery(filters, pageParam) }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
  });

/** GET /api/decisions with the filters, page after page. */
export const useDecisionPages = (filters: Filters) =>
  useInfiniteQuery({
    queryKey: queryKeys.decisionList(decisionsQuery(filters)),
    queryFn: ({ pageParam, signal }) =>
      answer(api.GET("/api/decisions", { params: { query: decisionsQuery(filters, pageParam) }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
  });

/** GET /api/runs/{id}: one run's decisions in the order it made them, 100 at a time. */
export const useRunDecisions = (id: string) =>
  useInfiniteQuery({
    queryKey: queryKeys.run(id),
    queryFn: ({ pageParam, signal }) =>
      answer(
        api.GET("/api/runs/{id}", {
          params: { path: { id }, query: { limit: 100, ...(pageParam && { cursor: pageParam }) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
  });
