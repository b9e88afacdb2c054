import { Anchor, Box, Paper, SimpleGrid, Text } from "@mantine/core";
import { Link } from "wouter";
import { formatCount, PROFILE_STATUS_CARDS } from "./labels";
import { Section } from "./Section";
import type { Overview } from "./use-overview";

/**
 * Profiles per status, each card a link to the Profiles screen filtered by that status; drafts and the
 * total on a line below.
 */
export function ProfileStatusCards({ profiles }: { profiles: Overview["profiles"] }) {
  const drafts = profiles.byStatus.draft;
  return (
    <Section title="Profiles">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {PROFILE_STATUS_CARDS.map(({ status, label, color }) => {
          const count = profiles.byStatus[status];
          return (
            <Anchor
              key={status}
              component={Link}
              href={`/profiles?status=${status}`}
              underline="never"
              c="var(--mantine-color-text)"
            >
              <Paper withBorder p="sm" radius="md" h="100%">
                <Text size="sm" fw={500}>
                  <Box
                    component="span"
                    display="inline-block"
                    w={10}
                    h={10}
                    mr={6}
                    bg={`${color}.7`}
                    style={{ borderRadius: "50%" }}
                    aria-hidden="true"
                  />
                  {label}
                </Text>
                {/* Read out as the card shows it, "Active 1,210 profiles" (no aria-label that says otherwise). */}
                <Text fz={28} fw={700} lh={1.2} mt={4}>
                  {formatCount(count)}
                  <span className="visually-hidden"> {count === 1 ? "profile" : "profiles"}</span>
                </Text>
              </Paper>
            </Anchor>
          );
        })}
      </SimpleGrid>
      <Text size="sm">
        {formatCount(profiles.total)} {profiles.total === 1 ? "profile" : "profiles"} in all
        {drafts > 0 && (
          <>
            , of which{" "}
            <Anchor component={Link} href="/profiles?status=draft">
              {formatCount(drafts)} {drafts === 1 ? "draft" : "drafts"}
            </Anchor>{" "}
            not started yet
          </>
        )}
        .
      </Text>
    </Section>
  );
}
