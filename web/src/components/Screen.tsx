import { Group, Stack, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { type ReactNode, useEffect, useRef } from "react";

interface ScreenProps {
  /** The screen's name, as the navigation shows it: the page's one <h1> and its document title. */
  title: string;
  /** Buttons beside the title (e.g. "New connection"). */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of every screen in the app shell. Focus moves to the title when the screen opens, so a
 * keyboard or screen-reader user who followed a link starts reading the new screen, not the old link.
 */
export function Screen({ title, actions, children }: ScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(`${title} · crosscal`);
  useEffect(() => heading.current?.focus({ preventScroll: true }), []);
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} ref={heading} tabIndex={-1} className="screen-title">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}
