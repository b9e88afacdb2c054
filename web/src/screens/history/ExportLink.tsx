import { Button, Group, Text } from "@mantine/core";
import { csvPath, type Filters } from "./filters";

/**
 * The CSV export of the list as filtered: a plain link the browser downloads (the service writes the file,
 * every match, page by page). While the API refuses the filters there is nothing to export.
 */
export function ExportLink({ filters, refused }: { filters: Filters; refused: boolean }) {
  const label = filters.view === "runs" ? "Export runs as CSV" : "Export decisions as CSV";
  if (refused)
    return (
      <Group gap="xs">
        <Button variant="default" disabled>
          {label}
        </Button>
        <Text size="sm">Correct the filters to export.</Text>
      </Group>
    );
  return (
    <Button component="a" variant="default" href={csvPath(filters)} download>
      {label}
    </Button>
  );
}
