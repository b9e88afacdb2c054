import { Placeholder } from "../../components/Placeholder";

export default function ConnectionsScreen() {
  return (
    <Placeholder title="Connections">
      One connection per Microsoft 365 tenant: add one with a client secret, a certificate or admin consent,
      see its live check (connected, or exactly what is missing), re-check, edit and delete it.
    </Placeholder>
  );
}
