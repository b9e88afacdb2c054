import { Placeholder } from "../../components/Placeholder";

export default function OverviewScreen() {
  return (
    <Placeholder title="Overview">
      How crosscal is doing at a glance: connections and their live checks, syncs with their profiles by
      status (active, paused, in error, needing confirmation), the latest runs and anything that needs the
      administrator.
    </Placeholder>
  );
}
