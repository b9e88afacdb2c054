import type { QueryClient } from "@tanstack/react-query";
import type { ComponentType } from "react";
import { sessionQuery } from "./api/session";
import { lazyScreen as screen } from "./components/lazy-screen";
import { prefetchProfilesScreen } from "./screens/profiles/first-page";

export interface ScreenEntry {
  /** The address (wouter pattern: `/connections/:id`). */
  path: string;
  /** The name in the navigation; omit for screens reached from another (a connection's details). */
  label?: string;
  /** Loaded when first shown, so the first visit downloads only the shell. */
  screen: ComponentType;
  /** The screen's chunk, to start downloading before the screen is shown (see preloadScreenFor). */
  load: () => Promise<unknown>;
  /** Asks for what the screen shows first, on a page's first load (see preloadScreenFor). */
  prefetch?: (queryClient: QueryClient, search: string) => Promise<void>;
}

const syncEditor = screen(() => import("./screens/syncs/SyncEditorScreen"));

/**
 * The screens of the signed-in app, in navigation order. Add a screen: a folder under screens/ whose
 * main component is its default export, and one entry here.
 */
export const SCREENS: ScreenEntry[] = [
  { path: "/", label: "Overview", ...screen(() => import("./screens/overview/OverviewScreen")) },
  {
    path: "/connections",
    label: "Connections",
    ...screen(() => import("./screens/connections/ConnectionsScreen")),
  },
  { path: "/connections/new", ...screen(() => import("./screens/connections/NewConnectionScreen")) },
  { path: "/connections/:id", ...screen(() => import("./screens/connections/ConnectionScreen")) },
  { path: "/syncs", label: "Syncs", ...screen(() => import("./screens/syncs/SyncsScreen")) },
  // One editor for a new sync and a saved one (the draft, the test area, applying a change).
  { path: "/syncs/new", ...syncEditor },
  { path: "/syncs/:id", ...syncEditor },
  {
    path: "/profiles",
    label: "Profiles",
    ...screen(() => import("./screens/profiles/ProfilesScreen")),
    prefetch: prefetchProfilesScreen,
  },
  {
    path: "/profiles/groups",
    ...screen(() => import("./screens/profiles/groups/GroupBindingsScreen")),
  },
  { path: "/profiles/:id", ...screen(() => import("./screens/profile/ProfileScreen")) },
  { path: "/history", label: "History", ...screen(() => import("./screens/history/HistoryScreen")) },
  {
    path: "/tokens",
    label: "API tokens",
    ...screen(() => import("./screens/api-tokens/ApiTokensScreen")),
  },
];

/** Whether the navigation entry for `path` is the current screen (or one reached from it). */
export const isCurrent = (path: string, location: string) =>
  path === "/" ? location === "/" : location === path || location.startsWith(`${path}/`);

const patternOf = (path: string) => new RegExp(`^${path.replace(/:[^/]+/g, "[^/]+")}$`);

/**
 * On a page's first load: asks for the session and for what the screen shows first (when it says) at
 * once, then starts downloading the screen's code. The three then overlap instead of following one
 * another. Data asked for without a session is refused (401) and that refusal is the one the session
 * check gives: the visitor goes to sign-in.
 */
export function preloadScreenFor(pathname: string, search: string, queryClient: QueryClient): void {
  void queryClient.prefetchQuery(sessionQuery);
  const entry = SCREENS.find((candidate) => patternOf(candidate.path).test(pathname));
  if (!entry) return;
  void entry.prefetch?.(queryClient, search);
  // The code after those requests: over HTTP/1.1 a browser opens six connections to a host and a screen's
  // code is some thirty files; the requests made after them would wait for most of them. A failure is
  // shown when the screen renders (it loads again, and says what failed).
  setTimeout(() => void entry.load().catch(() => {}), 0);
}
