import { Placeholder } from "../../components/Placeholder";

export default function HistoryScreen() {
  return (
    <Placeholder title="History">
      Every run and every decision it made (created, updated, deleted, skipped, and why), by sync, profile or
      event, and why a given meeting was or was not copied.
    </Placeholder>
  );
}
