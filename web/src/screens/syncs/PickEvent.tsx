import { Badge, Button, Group, NativeSelect, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { FormError } from "../../components/FormError";
import { Loading } from "../../components/Loading";
import { formatWhen } from "./event-format";
import type { Side, SyncEvent, SyncInfo } from "./types";
import { type EventsQuery, useSyncEvents, useSyncProfiles } from "./use-syncs";

export interface PickedMailbox {
  profileId?: string;
  mailbox?: string;
}

interface PickEventProps {
  sync: SyncInfo;
  side: Side;
  /** The event picked (its id), marked in the list. */
  pickedId: string | undefined;
  onPick: (event: SyncEvent, mailbox: PickedMailbox) => void;
}

/** Each listing reads the mailbox through Graph: what is typed is sent once it rests. */
const TYPING_MS = 500;

/**
 * A real event from one of the sync's mailboxes: a profile's (found by name or address) or an address
 * typed, on side A or B; events from two weeks ago to three months ahead, searched by subject.
 */
export function PickEvent({ sync, side, pickedId, onPick }: PickEventProps) {
  const hasProfiles = sync.profiles.total > 0;
  const [whose, setWhose] = useState<"profile" | "mailbox">(hasProfiles ? "profile" : "mailbox");
  const [profileSearch, setProfileSearch] = useState("");
  const [profileSearched] = useDebouncedValue(profileSearch.trim(), TYPING_MS);
  const [chosenProfile, setChosenProfile] = useState("");
  const [mailbox, setMailbox] = useState("");
  const [mailboxSettled] = useDebouncedValue(mailbox.trim(), TYPING_MS);
  const [search, setSearch] = useState("");
  const [searched] = useDebouncedValue(search.trim(), TYPING_MS);
  // Listing reads the mailbox through Graph: not merely because the editor was opened.
  const [started, setStarted] = useState(false);

  const profiles = useSyncProfiles(sync.id, profileSearched, whose === "profile" && hasProfiles);
  const found = profiles.data?.profiles ?? [];
  const profileId = found.some((p) => p.id === chosenProfile) ? chosenProfile : found[0]?.id;

  const picked: PickedMailbox | null =
    whose === "profile"
      ? profileId
        ? { profileId }
        : null
      : mailboxSettled.includes("@")
        ? { mailbox: mailboxSettled }
        : null;
  // A search typed starts the listing once it rests, not at the first key.
  const query: EventsQuery | null =
    (started || searched !== "") && picked
      ? {
          side,
          ...(picked.profileId && { profile: picked.profileId }),
          ...(picked.mailbox && { mailbox: picked.mailbox }),
          ...(searched && { search: searched }),
        }
      : null;
  const events = useSyncEvents(sync.id, query);

  return (
    <Stack gap="sm">
      <Radio.Group
        label="Whose mailbox"
        value={whose}
        onChange={(value) => setWhose(value as "profile" | "mailbox")}
      >
        <Group gap="lg" mt="xs">
          <Radio value="profile" label="A profile's" disabled={!hasProfiles} />
          <Radio value="mailbox" label="A mailbox address" />
        </Group>
      </Radio.Group>
      {whose === "profile" ? (
        <Group align="end" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput
            label="Find a profile"
            description="Part of the name or of either address."
            value={profileSearch}
            onChange={(event) => setProfileSearch(event.currentTarget.value)}
            miw={200}
          />
          <NativeSelect
            label="Profile"
            data={
              found.length > 0
                ? found.map((p) => ({
                    value: p.id,
                    label: `${p.name} (${side === "A" ? p.mailboxA : p.mailboxB})`,
                  }))
                : [{ value: "", label: profiles.isPending ? "Loading…" : "No profile found" }]
            }
            value={profileId ?? ""}
            onChange={(event) => {
              setChosenProfile(event.currentTarget.value);
              setStarted(true);
            }}
            miw={200}
          />
        </Group>
      ) : (
        <TextInput
          label="Mailbox"
          description={`An address in side ${side}'s tenant; crosscal checks it first, as adding a profile does.`}
          type="email"
          value={mailbox}
          onChange={(event) => {
            setMailbox(event.currentTarget.value);
            setStarted(true);
          }}
        />
      )}
      <TextInput
        label="Search the subjects"
        description="Each search reads the mailbox through Graph, once you stop typing."
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      {!started && searched === "" && (
        <Group>
          <Button variant="default" disabled={!picked} onClick={() => setStarted(true)}>
            List events
          </Button>
        </Group>
      )}
      {profiles.isError && (
        <FormError title="The profiles could not be listed" message={profiles.error.message} />
      )}
      {events.isFetching && <Loading label="Reading the mailbox" />}
      {events.isError && <FormError title="The events could not be read" message={events.error.message} />}
      {events.data && !events.isFetching && (
        <EventList
          events={events.data.events}
          mailbox={events.data.mailbox}
          pickedId={pickedId}
          onPick={(event) => picked && onPick(event, picked)}
        />
      )}
    </Stack>
  );
}

function EventList({
  events,
  mailbox,
  pickedId,
  onPick,
}: {
  events: SyncEvent[];
  mailbox: string;
  pickedId: string | undefined;
  onPick: (event: SyncEvent) => void;
}) {
  if (events.length === 0) return <Text size="sm">No events in {mailbox} for this search.</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        Events of {mailbox}: pick one to see its copy.
      </Text>
      <Stack component="ul" gap={4} style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {events.map((event) => {
          const picked = event.id === pickedId;
          return (
            <li key={event.id}>
              <Button
                variant={picked ? "light" : "default"}
                fullWidth
                h="auto"
                py={6}
                aria-pressed={picked}
                onClick={() => onPick(event)}
                styles={{
                  inner: { justifyContent: "flex-start" },
                  label: { whiteSpace: "normal", textAlign: "left", display: "block" },
                }}
              >
                <Text component="span" fw={600} size="sm" display="block">
                  {event.subject || "(no subject)"}
                </Text>
                <Text component="span" size="xs" display="block">
                  {formatWhen(event.start, event.end, event.isAllDay)}
                  {event.organizer ? ` · ${event.organizer.name || event.organizer.address}` : ""}
                </Text>
                <Group gap={4} component="span">
                  {event.isRecurring && (
                    <Badge size="xs" variant="outline" component="span">
                      recurring
                    </Badge>
                  )}
                  {event.isCancelled && (
                    <Badge size="xs" variant="outline" color="red" component="span">
                      cancelled
                    </Badge>
                  )}
                  {event.isCopy && (
                    <Badge size="xs" variant="outline" color="gray" component="span">
                      a copy
                    </Badge>
                  )}
                  {event.sensitivity !== "normal" && (
                    <Badge size="xs" variant="outline" component="span">
                      {event.sensitivity}
                    </Badge>
                  )}
                </Group>
              </Button>
            </li>
          );
        })}
      </Stack>
    </Stack>
  );
}
