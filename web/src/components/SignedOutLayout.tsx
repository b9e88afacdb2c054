import { Container, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";

/** The frame of the screens before signing in (first run, sign-in): one card in the middle. */
export function SignedOutLayout({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  useDocumentTitle(`${title} · crosscal`);
  return (
    <Container component="main" size={460} py={{ base: "md", sm: 64 }}>
      <Stack gap="xs" mb="lg">
        <Text fw={700} size="lg">
          crosscal
        </Text>
        <Title order={1}>{title}</Title>
        {intro && <Text c="dimmed">{intro}</Text>}
      </Stack>
      <Paper withBorder shadow="sm" p={{ base: "md", sm: "xl" }} radius="md">
        {children}
      </Paper>
    </Container>
  );
}
