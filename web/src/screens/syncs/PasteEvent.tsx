import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { type ApiError, formErrors } from "../../api/errors";
import { ListInput } from "../../components/ListInput";
import { useFocusInvalid } from "../../components/use-focus-invalid";
import { besideOf } from "./draft-errors";
import { localDate, localTimeZone } from "./sample-event";
import type { PastedEvent, ResponseValue, Sensitivity, ShowAs } from "./types";
import { RESPONSE, SENSITIVITY, SHOW_AS } from "./vocabulary";

interface PasteValues {
  subject: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timeZone: string;
  isAllDay: boolean;
  location: string;
  body: string;
  showAs: ShowAs;
  sensitivity: Sensitivity;
  categories: string[];
  organizer: string;
  isOrganizer: boolean;
  response: ResponseValue;
  recurring: boolean;
  isCancelled: boolean;
}

const first = (): PasteValues => ({
  subject: "Team lunch",
  startDate: localDate(1),
  startTime: "12:00",
  endDate: localDate(1),
  endTime: "13:00",
  timeZone: localTimeZone(),
  isAllDay: false,
  location: "",
  body: "",
  showAs: "busy",
  sensitivity: "normal",
  categories: [],
  organizer: "",
  isOrganizer: true,
  response: "organizer",
  recurring: false,
  isCancelled: false,
});

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

/** The pasted event in the API's shape; what is left empty takes Outlook's defaults (the API's). */
function pastedOf(v: PasteValues): PastedEvent {
  const at = (date: string, time: string) =>
    v.isAllDay ? `${date}T00:00:00` : `${date}T${time || "00:00"}:00`;
  const weekday = WEEKDAYS[new Date(`${v.startDate}T12:00:00`).getDay()] ?? "monday";
  return {
    subject: v.subject,
    start: { dateTime: at(v.startDate, v.startTime), timeZone: v.timeZone.trim() },
    end: { dateTime: at(v.endDate, v.endTime), timeZone: v.timeZone.trim() },
    isAllDay: v.isAllDay,
    ...(v.location && { location: v.location }),
    ...(v.body && { body: { type: "text" as const, content: v.body } }),
    showAs: v.showAs,
    sensitivity: v.sensitivity,
    ...(v.categories.length > 0 && { categories: v.categories }),
    ...(v.organizer.trim() && { organizer: { name: "", address: v.organizer.trim() } }),
    isOrganizer: v.isOrganizer,
    response: v.response,
    isCancelled: v.isCancelled,
    ...(v.recurring && {
      recurrence: {
        pattern: { type: "weekly" as const, interval: 1, daysOfWeek: [weekday] },
        range: { type: "noEnd" as const, startDate: v.startDate, timeZone: v.timeZone.trim() },
      },
    }),
  };
}

const INPUTS = {
  "event.pasted.subject": [],
  "event.pasted.start": [],
  "event.pasted.end": [],
  "event.pasted.location": [],
  "event.pasted.body": [],
  "event.pasted.categories": [],
  "event.pasted.organizer": [],
  "event.pasted.recurrence": [],
} as const;

/**
 * An event typed in rather than read from a mailbox: its subject, times and the fields rules look at.
 * The API's refusals of a field show beside it.
 */
export function PasteEvent({ onPaste, error }: { onPaste: (event: PastedEvent) => void; error: unknown }) {
  const [v, setValues] = useState<PasteValues>(first);
  const form = useRef<HTMLFormElement>(null);
  // Only errors about the pasted event belong here; the draft's and the others show with the outcome.
  const e: Partial<Record<keyof typeof INPUTS, string>> = {};
  for (const input of Object.keys(formErrors(error, INPUTS).inputs) as (keyof typeof INPUTS)[]) {
    e[input] = besideOf(error as ApiError, input.split("."));
  }
  useFocusInvalid(form, Object.keys(e).length > 0 ? error : undefined);
  const set = <K extends keyof PasteValues>(key: K, value: PasteValues[K]) =>
    setValues((old) => ({ ...old, [key]: value }));
  const startError = e["event.pasted.start"];
  const endError = e["event.pasted.end"];

  return (
    <form
      ref={form}
      noValidate
      aria-label="Paste an event"
      onSubmit={(event) => {
        event.preventDefault();
        onPaste(pastedOf(v));
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="Subject"
          value={v.subject}
          onChange={(ev) => set("subject", ev.currentTarget.value)}
          error={e["event.pasted.subject"]}
        />
        <Checkbox
          label="All day"
          checked={v.isAllDay}
          onChange={(ev) => set("isAllDay", ev.currentTarget.checked)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="date"
            label="Start date"
            value={v.startDate}
            onChange={(ev) => set("startDate", ev.currentTarget.value)}
            error={startError}
          />
          {!v.isAllDay && (
            <TextInput
              type="time"
              label="Start time"
              value={v.startTime}
              onChange={(ev) => set("startTime", ev.currentTarget.value)}
              error={startError ? true : undefined}
            />
          )}
          <TextInput
            type="date"
            label="End date"
            description={v.isAllDay ? "The day after the last day (as Outlook stores it)." : undefined}
            value={v.endDate}
            onChange={(ev) => set("endDate", ev.currentTarget.value)}
            error={endError}
          />
          {!v.isAllDay && (
            <TextInput
              type="time"
              label="End time"
              value={v.endTime}
              onChange={(ev) => set("endTime", ev.currentTarget.value)}
              error={endError ? true : undefined}
            />
          )}
        </SimpleGrid>
        <TextInput
          label="Time zone"
          description="An IANA zone, e.g. Europe/Berlin."
          value={v.timeZone}
          onChange={(ev) => set("timeZone", ev.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Show as"
            data={Object.entries(SHOW_AS).map(([value, label]) => ({ value, label }))}
            value={v.showAs}
            onChange={(ev) => set("showAs", ev.currentTarget.value as ShowAs)}
          />
          <NativeSelect
            label="Privacy"
            data={Object.entries(SENSITIVITY).map(([value, label]) => ({ value, label }))}
            value={v.sensitivity}
            onChange={(ev) => set("sensitivity", ev.currentTarget.value as Sensitivity)}
          />
          <TextInput
            label="Location"
            value={v.location}
            onChange={(ev) => set("location", ev.currentTarget.value)}
            error={e["event.pasted.location"]}
          />
          <ListInput
            label="Categories"
            description="Separated by commas."
            value={v.categories}
            onChange={(list) => set("categories", list)}
            error={e["event.pasted.categories"]}
          />
          <TextInput
            label="Organizer's address"
            description="Empty: the mailbox owner."
            value={v.organizer}
            onChange={(ev) => set("organizer", ev.currentTarget.value)}
            error={e["event.pasted.organizer"]}
          />
          <NativeSelect
            label="The mailbox owner's response"
            data={Object.entries(RESPONSE).map(([value, label]) => ({ value, label }))}
            value={v.response}
            onChange={(ev) => set("response", ev.currentTarget.value as ResponseValue)}
          />
        </SimpleGrid>
        <Textarea
          label="Body"
          description="Plain text."
          rows={3}
          value={v.body}
          onChange={(ev) => set("body", ev.currentTarget.value)}
          error={e["event.pasted.body"]}
        />
        <Group gap="lg">
          <Checkbox
            label="The mailbox owner organizes it"
            checked={v.isOrganizer}
            onChange={(ev) => set("isOrganizer", ev.currentTarget.checked)}
          />
          <Checkbox
            label="Recurring (weekly)"
            checked={v.recurring}
            onChange={(ev) => set("recurring", ev.currentTarget.checked)}
          />
          <Checkbox
            label="Cancelled"
            checked={v.isCancelled}
            onChange={(ev) => set("isCancelled", ev.currentTarget.checked)}
          />
        </Group>
        <Group>
          <Button type="submit">Preview the copy</Button>
        </Group>
      </Stack>
    </form>
  );
}
