import { Paper, Stack, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";

/** One part of the overview: a bordered region named by its heading (screen readers list it as such). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
