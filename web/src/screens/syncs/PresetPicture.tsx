import { SimpleGrid, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { FormError } from "../../components/FormError";
import { plainMapping } from "./draft";
import { EventCard } from "./EventCard";
import { sampleEvent } from "./sample-event";
import type { MappingRef, PreviewRequest } from "./types";
import { usePreview } from "./use-syncs";

/**
 * What a copy will look like: a sample meeting ("the original") beside the copy the chosen mapping makes
 * of it, as the service computes it (POST /api/syncs/preview-copy with a pasted event), so the picture is
 * the server's truth, not the dashboard's idea of the presets.
 */
export function PresetPicture({ mapping, copyReminders }: { mapping: MappingRef; copyReminders: boolean }) {
  const [sample] = useState(() => sampleEvent());
  const [settled] = useDebouncedValue(JSON.stringify({ mapping: plainMapping(mapping), copyReminders }), 400);
  const request = useMemo<PreviewRequest>(() => {
    const { mapping: m, copyReminders: reminders } = JSON.parse(settled) as {
      mapping: MappingRef;
      copyReminders: boolean;
    };
    // Only the mapping matters here: the rest is a stand-in that passes the document's checks.
    return {
      sync: {
        name: "preview",
        connectionA: "side-a",
        connectionB: "side-b",
        mapping: m,
        policies: { copyReminders: reminders },
      },
      event: { pasted: sample, side: "A" },
    };
  }, [settled, sample]);
  const preview = usePreview(request);

  return (
    <Stack gap="xs" role="region" aria-label="What a copy will look like" aria-busy={preview.isFetching}>
      <Text size="sm">A sample meeting and the copy this mapping makes of it, as crosscal computes it:</Text>
      {preview.isError && <FormError title="The copy cannot be shown" message={preview.error.message} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <EventCard
          title="The original"
          event={preview.data?.source ?? null}
          empty={preview.isError ? "Not shown." : "Loading…"}
        />
        <EventCard
          title="The copy"
          event={preview.data?.copy ?? null}
          empty={preview.data ? "No copy." : preview.isError ? "Not shown." : "Loading…"}
        />
      </SimpleGrid>
    </Stack>
  );
}
