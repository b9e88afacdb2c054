/**
 * Sign-in's address, remembering where to go back to afterwards (`next`) and why the admin was sent
 * there (`reason`, e.g. session_expired).
 */
export function signInPath(next: string, reason?: string): string {
  const query = new URLSearchParams();
  if (next && next !== "/") query.set("next", next);
  if (reason) query.set("reason", reason);
  const search = query.toString();
  return search ? `/sign-in?${search}` : "/sign-in";
}

/**
 * Where to go after signing in: `next` if it is a page of this dashboard, else the overview. Only a path
 * of this origin is followed ("/x", not "//evil.example" or "https://…"), so a crafted link cannot send
 * the admin elsewhere.
 */
export function pathAfterSignIn(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === "/sign-in" || next.startsWith("/sign-in?") || next === "/setup") return "/";
  return next;
}
