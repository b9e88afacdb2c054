import { Box, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** Numbers with their names, as a description list: a screen reader reads each name with its value. */
export function Stats({ children, cols = 2 }: { children: ReactNode; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: cols }} spacing="sm" verticalSpacing="sm" m={0}>
      {children}
    </SimpleGrid>
  );
}

export function Stat({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <Box>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fz="xl" fw={700}>
        {children}
      </Text>
      {note && (
        <Text component="dd" m={0} size="sm">
          {note}
        </Text>
      )}
    </Box>
  );
}
