import { Badge, Button, Table, Text } from "@mantine/core";
import { formatDateTime } from "../../components/format";
import type { TokenInfo } from "./use-tokens";

const isExpired = (token: TokenInfo, now: Date) =>
  token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();

/** The tokens (never their values): who made each, when it expires, when it was last used. */
export function TokenTable({
  tokens,
  onDelete,
}: {
  tokens: TokenInfo[];
  onDelete: (token: TokenInfo) => void;
}) {
  const now = new Date();
  if (tokens.length === 0) return <Text>No API tokens yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Scope</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Th scope="row" fw={500}>
                {token.name}
              </Table.Th>
              <Table.Td>
                <Badge variant="light" color={token.scope === "admin" ? "red" : "gray"}>
                  {token.scope}
                </Badge>
              </Table.Td>
              <Table.Td>
                <time dateTime={token.createdAt}>{formatDateTime(token.createdAt)}</time> by {token.createdBy}
              </Table.Td>
              <Table.Td>
                {token.expiresAt === null ? (
                  "never"
                ) : (
                  <>
                    <time dateTime={token.expiresAt}>{formatDateTime(token.expiresAt)}</time>
                    {isExpired(token, now) && (
                      <Badge ml="xs" color="red" variant="light">
                        expired
                      </Badge>
                    )}
                  </>
                )}
              </Table.Td>
              <Table.Td>
                {token.lastUsedAt === null ? (
                  "never"
                ) : (
                  <time dateTime={token.lastUsedAt}>{formatDateTime(token.lastUsedAt)}</time>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  aria-label={`Delete the token ${token.name}`}
                  onClick={() => onDelete(token)}
                >
                  Delete
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
