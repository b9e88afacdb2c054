import { Placeholder } from "../../components/Placeholder";

export default function SyncsScreen() {
  return (
    <Placeholder title="Syncs">
      Two connections, a direction, a field mapping (full details, busy only or custom) and rules: create,
      edit and delete syncs, with the number of profiles each holds.
    </Placeholder>
  );
}
