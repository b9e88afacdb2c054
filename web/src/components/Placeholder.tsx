import { Anchor, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Screen } from "./Screen";

/** A screen still to be built: what it will hold, and where the API already offers it. */
export function Placeholder({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Screen title={title}>
      <Text>{children}</Text>
      <Text c="dimmed" size="sm">
        This screen is not built yet. Everything it will show is already in the API:{" "}
        <Anchor href="/docs">/docs</Anchor>.
      </Text>
    </Screen>
  );
}
