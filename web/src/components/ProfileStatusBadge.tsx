import { Badge, Tooltip } from "@mantine/core";

/** A profile's status as the API names it (docs/profiles.md). */
export type ProfileStatus = "draft" | "active" | "paused" | "error" | "needs_confirmation";

export const STATUS_LABELS: Record<ProfileStatus, string> = {
  draft: "Draft",
  active: "Active",
  paused: "Paused",
  error: "Error",
  needs_confirmation: "Needs confirmation",
};

const STATUS_COLORS: Record<ProfileStatus, string> = {
  draft: "gray",
  active: "green",
  paused: "yellow",
  error: "red",
  needs_confirmation: "orange",
};

/**
 * A profile's status, with its reason (why it is paused, in error, needs confirmation) on hover and on
 * keyboard focus. `describedBy` names the element that shows the reason beside the badge, so a screen
 * reader says both when the badge is focused.
 */
export function ProfileStatusBadge({
  status,
  reason,
  describedBy,
}: {
  status: ProfileStatus;
  reason?: string | null | undefined;
  describedBy?: string | undefined;
}) {
  const badge = (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      component="span"
      tabIndex={reason ? 0 : undefined}
      aria-describedby={reason ? describedBy : undefined}
      style={{ flexShrink: 0 }}
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
  if (!reason) return badge;
  return (
    <Tooltip
      label={reason}
      multiline
      maw={420}
      withinPortal
      events={{ hover: true, focus: true, touch: true }}
      openDelay={200}
    >
      {badge}
    </Tooltip>
  );
}
