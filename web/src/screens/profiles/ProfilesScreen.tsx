import { Placeholder } from "../../components/Placeholder";

export default function ProfilesScreen() {
  return (
    <Placeholder title="Profiles">
      Every person synced, one row each (thousands at once): name, both mailboxes and status. Add people one
      by one, by pasted lines, from a CSV file or by binding a group; start, pause, resume, resync and clean
      up one profile or a selection.
    </Placeholder>
  );
}
