import { Paper, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { attendeesOf, fieldsOf } from "./event-format";
import type { CopyView, EventView } from "./types";

/**
 * An event as a card of its fields (the original, or the copy a mapping makes of it). Everything is
 * rendered as text: an HTML body is shown as its text, never as markup.
 */
export function EventCard({
  title,
  event,
  empty = "No copy.",
}: {
  title: string;
  event: EventView | CopyView | null;
  /** What shows without an event. */
  empty?: string;
}) {
  const headingId = useId();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {title}
        </Title>
        {event === null ? (
          <Text size="sm">{empty}</Text>
        ) : (
          <dl
            style={{
              margin: 0,
              display: "grid",
              gridTemplateColumns: "minmax(80px, auto) 1fr",
              gap: "4px 12px",
            }}
          >
            {[
              ...fieldsOf(event),
              ...("attendees" in event ? [{ label: "Attendees", value: attendeesOf(event) }] : []),
            ].map((field) => (
              <div key={field.label} style={{ display: "contents" }}>
                <dt>
                  <Text size="sm" c="dimmed" component="span">
                    {field.label}
                  </Text>
                </dt>
                <dd style={{ margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  <Text size="sm" component="span">
                    {field.value}
                  </Text>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Stack>
    </Paper>
  );
}
