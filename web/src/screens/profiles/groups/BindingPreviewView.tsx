import { Alert, Badge, Stack, Table, Tabs, Text } from "@mantine/core";
import type { Preview } from "./use-group-bindings";

const MAX_SHOWN = 300;
const more = (n: number) =>
  n > MAX_SHOWN ? (
    <Text size="sm" c="dimmed">
      The first {MAX_SHOWN} of {n.toLocaleString()} are listed.
    </Text>
  ) : null;

/** What binding two groups would do: who gets a profile, who is skipped and why, who is not matched. */
export function BindingPreviewView({ preview }: { preview: Preview }) {
  const creating = preview.pairs.filter((pair) => pair.outcome === "create");
  const skipped = preview.pairs.filter((pair) => pair.outcome === "skip");
  const unmatched = [
    ...preview.unmatchedA.map((member) => ({ ...member, side: "A" })),
    ...preview.unmatchedB.map((member) => ({ ...member, side: "B" })),
  ];
  return (
    <Stack gap="sm">
      <Text fw={600} role="status">
        “{preview.groupA.name}” ({preview.groupA.members.toLocaleString()} members) and “{preview.groupB.name}
        ” ({preview.groupB.members.toLocaleString()} members): {preview.pairs.length.toLocaleString()}{" "}
        matched, {creating.length.toLocaleString()} would get a profile, {unmatched.length.toLocaleString()}{" "}
        unmatched
        {preview.ambiguous.length > 0 && `, ${preview.ambiguous.length.toLocaleString()} ambiguous`}.
      </Text>
      {preview.alreadyBound && (
        <Alert color="orange" title="Already bound">
          This sync already binds these two groups; a second binding would be refused.
        </Alert>
      )}
      <Tabs defaultValue="matched">
        <Tabs.List>
          <Tabs.Tab value="matched">Matched ({preview.pairs.length.toLocaleString()})</Tabs.Tab>
          <Tabs.Tab value="unmatched">Unmatched ({unmatched.length.toLocaleString()})</Tabs.Tab>
          {preview.ambiguous.length > 0 && (
            <Tabs.Tab value="ambiguous">Ambiguous ({preview.ambiguous.length.toLocaleString()})</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="matched" pt="xs">
          {preview.pairs.length === 0 ? (
            <Text>Nobody is matched: try another rule.</Text>
          ) : (
            <Table.ScrollContainer minWidth={600} maxHeight={320}>
              <Table striped verticalSpacing={4} aria-label="Matched members">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Mailbox A</Table.Th>
                    <Table.Th scope="col">Mailbox B</Table.Th>
                    <Table.Th scope="col">Profile</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...skipped, ...creating].slice(0, MAX_SHOWN).map((pair) => (
                    <Table.Tr key={`${pair.mailboxA}\n${pair.mailboxB}`}>
                      <Table.Th scope="row" fw={400}>
                        {pair.name}
                      </Table.Th>
                      <Table.Td>{pair.mailboxA}</Table.Td>
                      <Table.Td>{pair.mailboxB}</Table.Td>
                      <Table.Td>
                        {pair.outcome === "create" ? (
                          <Badge variant="light" color="green">
                            New
                          </Badge>
                        ) : (
                          <>
                            <Badge variant="light" color="gray">
                              Skipped
                            </Badge>
                            <Text size="xs">{pair.reason}</Text>
                          </>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {more(preview.pairs.length)}
        </Tabs.Panel>
        <Tabs.Panel value="unmatched" pt="xs">
          {unmatched.length === 0 ? (
            <Text>Everyone is matched.</Text>
          ) : (
            <Table.ScrollContainer minWidth={600} maxHeight={320}>
              <Table striped verticalSpacing={4} aria-label="Unmatched members">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">Group</Table.Th>
                    <Table.Th scope="col">Address</Table.Th>
                    <Table.Th scope="col">Why</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {unmatched.slice(0, MAX_SHOWN).map((member) => (
                    <Table.Tr key={`${member.side}\n${member.address}`}>
                      <Table.Th scope="row" fw={400}>
                        {member.name}
                      </Table.Th>
                      <Table.Td>{member.side}</Table.Td>
                      <Table.Td>{member.address}</Table.Td>
                      <Table.Td>{member.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {more(unmatched.length)}
        </Tabs.Panel>
        {preview.ambiguous.length > 0 && (
          <Tabs.Panel value="ambiguous" pt="xs">
            <Text size="sm" mb="xs">
              Several members share these keys, so none of them is paired (crosscal never guesses who is who).
            </Text>
            <Table.ScrollContainer minWidth={600} maxHeight={320}>
              <Table striped verticalSpacing={4} aria-label="Ambiguous members">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Key</Table.Th>
                    <Table.Th scope="col">In A</Table.Th>
                    <Table.Th scope="col">In B</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.ambiguous.slice(0, MAX_SHOWN).map((entry) => (
                    <Table.Tr key={entry.key}>
                      <Table.Th scope="row" fw={400}>
                        {entry.key}
                      </Table.Th>
                      <Table.Td>{entry.a.map((member) => member.address).join(", ")}</Table.Td>
                      <Table.Td>{entry.b.map((member) => member.address).join(", ")}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
