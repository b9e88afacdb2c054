import { type ComponentType, type LazyExoticComponent, lazy } from "react";

export interface ScreenEntry {
  /** The address (wouter pattern: `/connections/:id`). */
  path: string;
  /** The name in the navigation; omit for screens reached from another (a connection's details). */
  label?: string;
  /** Loaded when first shown, so the first visit downloads only the shell. */
  screen: LazyExoticComponent<ComponentType>;
}

const syncEditor = lazy(() => import("./screens/syncs/SyncEditorScreen"));

/**
 * The screens of the signed-in app, in navigation order. Add a screen: a folder under screens/ whose
 * main component is its default export, and one entry here.
 */
export const SCREENS: ScreenEntry[] = [
  { path: "/", label: "Overview", screen: lazy(() => import("./screens/overview/OverviewScreen")) },
  {
    path: "/connections",
    label: "Connections",
    screen: lazy(() => import("./screens/connections/ConnectionsScreen")),
  },
  { path: "/connections/new", screen: lazy(() => import("./screens/connections/NewConnectionScreen")) },
  { path: "/connections/:id", screen: lazy(() => import("./screens/connections/ConnectionScreen")) },
  { path: "/syncs", label: "Syncs", screen: lazy(() => import("./screens/syncs/SyncsScreen")) },
  // One editor for a new sync and a saved one (the draft, the test area, applying a change).
  { path: "/syncs/new", screen: syncEditor },
  { path: "/syncs/:id", screen: syncEditor },
  { path: "/profiles", label: "Profiles", screen: lazy(() => import("./screens/profiles/ProfilesScreen")) },
  {
    path: "/profiles/groups",
    screen: lazy(() => import("./screens/profiles/groups/GroupBindingsScreen")),
  },
  { path: "/profiles/:id", screen: lazy(() => import("./screens/profile/ProfileScreen")) },
  { path: "/history", label: "History", screen: lazy(() => import("./screens/history/HistoryScreen")) },
  {
    path: "/tokens",
    label: "API tokens",
    screen: lazy(() => import("./screens/api-tokens/ApiTokensScreen")),
  },
];

/** Whether the navigation entry for `path` is the current screen (or one reached from it). */
export const isCurrent = (path: string, location: string) =>
  path === "/" ? location === "/" : location === path || location.startsWith(`${path}/`);
