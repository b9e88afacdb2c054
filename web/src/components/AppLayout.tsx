import { Anchor, AppShell, Burger, Button, Group, NavLink, Text } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useLiveUpdates } from "../api/live-updates";
import { useSession, useSignOut } from "../api/session";
import { isCurrent, SCREENS } from "../navigation";
import { FormError } from "./FormError";

/** Below Mantine's `sm` breakpoint the navigation hides behind the burger (phones: 390×844). */
const SMALL_SCREEN = "(max-width: 48em)";

/**
 * The signed-in app: header (name, who is signed in, sign out), navigation, and the current screen in
 * <main>. A "Skip to content" link comes first for keyboard users.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const small = useMediaQuery(SMALL_SCREEN) ?? false;
  const [location, navigate] = useLocation();
  const username = useSession().data?.username;
  // Signed in: the service's event stream keeps every screen's data fresh without a reload.
  useLiveUpdates(username !== undefined);
  const signOut = useSignOut();
  // A navigation slid out of view must leave the Tab order too.
  const hidden = small && !opened;

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Navigation"
                aria-expanded={opened}
                aria-controls="navigation"
              />
              <Anchor
                component={Link}
                href="/"
                fw={700}
                size="lg"
                c="var(--mantine-color-text)"
                underline="never"
              >
                crosscal
              </Anchor>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" visibleFrom="xs" truncate="end" maw={240}>
                Signed in as <strong>{username}</strong>
              </Text>
              <Button
                variant="default"
                size="xs"
                loading={signOut.isPending}
                onClick={() =>
                  signOut.mutate(undefined, { onSuccess: () => navigate("/sign-in?reason=signed_out") })
                }
              >
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar id="navigation" p="xs" aria-label="Main" inert={hidden}>
          {SCREENS.filter((entry) => entry.label).map((entry) => {
            const current = isCurrent(entry.path, location);
            return (
              <NavLink
                key={entry.path}
                component={Link}
                href={entry.path}
                label={entry.label}
                active={current}
                aria-current={current ? "page" : undefined}
                onClick={close}
              />
            );
          })}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <FormError title="Not signed out" message={signOut.error?.message} />
          {children}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
