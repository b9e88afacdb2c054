import { Badge, Button, Group, Radio, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import type { WhyTarget } from "./Decisions";
import { type EventSearch, type ProfileDetail, type SyncEvent, useMailboxEvents } from "./use-profile";

const WALL_CLOCK = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** An event's start as its mailbox has it (a wall-clock time in its time zone). */
export function eventTime(event: SyncEvent): string {
  const start = new Date(`${event.start.dateTime.slice(0, 19)}Z`);
  if (Number.isNaN(start.getTime())) return event.start.dateTime;
  if (event.isAllDay) return `${DAY.format(start)}, all day`;
  return `${WALL_CLOCK.format(start)} (${event.start.timeZone})`;
}

/** The day picked (YYYY-MM-DD, the admin's time zone) as the API's since and until. */
function dayRange(day: string): Pick<EventSearch, "since" | "until"> {
  const start = new Date(`${day}T00:00:00`);
  if (Number.isNaN(start.getTime())) return {};
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { since: start.toISOString(), until: end.toISOString() };
}

/**
 * Finds a meeting in one of the profile's mailboxes by part of its subject and, if given, its day (read
 * from the tenant as it is now), to ask why it was or was not synced.
 */
export function FindEvent({
  profile,
  onWhy,
}: {
  profile: ProfileDetail;
  onWhy: (target: WhyTarget) => void;
}) {
  const [side, setSide] = useState<"A" | "B">("A");
  const [subject, setSubject] = useState("");
  const [day, setDay] = useState("");
  const [search, setSearch] = useState<EventSearch | null>(null);
  const events = useMailboxEvents(profile.sync, profile.id, search);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = subject.trim();
    setSearch({ side, ...(text && { search: text }), ...(day && dayRange(day)) });
  };
  const list = events.data?.events ?? [];

  return (
    <Stack gap="sm" component="section" aria-labelledby="find-event">
      <Title order={2} size="h3" id="find-event">
        Why was a meeting (not) synced?
      </Title>
      <Text size="sm">
        Find the meeting in either mailbox by its subject or its day, then ask why. A copy can be asked about
        too: the answer is about its original.
      </Text>
      <form onSubmit={submit} noValidate aria-labelledby="find-event">
        <Stack gap="sm">
          <Radio.Group label="Mailbox" value={side} onChange={(value) => setSide(value as "A" | "B")}>
            <Group gap="lg" mt={4}>
              <Radio value="A" label={`A: ${profile.mailboxA}`} />
              <Radio value="B" label={`B: ${profile.mailboxB}`} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Subject contains"
              maxLength={200}
              value={subject}
              onChange={(event) => setSubject(event.currentTarget.value)}
            />
            <TextInput
              type="date"
              label="On (optional)"
              description="Without a day: from 14 days ago to 90 days ahead."
              value={day}
              onChange={(event) => setDay(event.currentTarget.value)}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" variant="default" loading={events.isFetching}>
              Find meetings
            </Button>
          </Group>
        </Stack>
      </form>
      {events.isPending && events.fetchStatus === "fetching" && <Loading label="Reading the mailbox" />}
      {events.isError && <FormError title="The mailbox could not be read" message={events.error.message} />}
      {events.data && list.length === 0 && (
        <Text role="status">No meeting found in {events.data.mailbox}.</Text>
      )}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table
            striped
            verticalSpacing="xs"
            aria-label={`Meetings in ${events.data?.mailbox ?? "the mailbox"}`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Starts</Table.Th>
                <Table.Th scope="col">Subject</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Ask why</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td>{eventTime(event)}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    {event.subject || "(no subject)"}
                    <Group gap={4} mt={2}>
                      {event.isCopy && (
                        <Badge size="xs" variant="light">
                          crosscal's copy
                        </Badge>
                      )}
                      {event.isRecurring && (
                        <Badge size="xs" variant="light" color="gray">
                          {event.kind}
                        </Badge>
                      )}
                      {event.isCancelled && (
                        <Badge size="xs" variant="light" color="red">
                          cancelled
                        </Badge>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-label={`Why: ${event.subject || "(no subject)"}`}
                      onClick={() => onWhy({ eventId: event.id, subject: event.subject })}
                    >
                      Why?
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
