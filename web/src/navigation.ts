import { type ComponentType, type LazyExoticComponent, lazy } from "react";

export interface ScreenEntry {
  /** The address (wouter pattern: `/connections/:id`). */
  path: string;
  /** The name in the navigation; omit for screens reached from another (a connection's details). */
  label?: string;
  /** Loaded when first shown, so the first visit downloads only the shell. */
  screen: LazyExoticComponent<ComponentType>;
  /** The screen's chunk, to start downloading before the screen is shown (see preloadScreenFor). */
  load: () => Promise<unknown>;
}

/** A screen loaded when first shown; `load` fetches the same chunk earlier (the browser caches the module). */
function screen(load: () => Promise<{ default: ComponentType }>) {
  return { screen: lazy(load), load };
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
  { path: "/profiles", label: "Profiles", ...screen(() => import("./screens/profiles/ProfilesScreen")) },
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
 * Starts downloading the screen a page opens on, before the session check that precedes showing it
 * returns: the two then overlap instead of following each other.
 */
export function preloadScreenFor(pathname: string): void {
  const entry = SCREENS.find((candidate) => patternOf(candidate.path).test(pathname));
  void entry?.load().catch(() => {
    // Shown when the screen renders: lazy() loads it again and the error boundary says what failed.
  });
}
