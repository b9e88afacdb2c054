import { type ComponentType, type LazyExoticComponent, lazy } from "react";

export interface ScreenEntry {
  /** The address (wouter pattern: `/connections/:id`). */
  path: string;
  /** The name in the navigation; omit for screens reached from another (a connection's details). */
  label?: string;
  /** Loaded when first shown, so the first visit downloads only the shell. */
  screen: LazyExoticComponent<ComponentType>;
}

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
  { path: "/syncs", label: "Syncs", screen: lazy(() => import("./screens/syncs/SyncsScreen")) },
  { path: "/profiles", label: "Profiles", screen: lazy(() => import("./screens/profiles/ProfilesScreen")) },
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
