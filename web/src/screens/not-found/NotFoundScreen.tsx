import { Anchor, Text } from "@mantine/core";
import { Link } from "wouter";
import { Screen } from "../../components/Screen";

export default function NotFoundScreen() {
  return (
    <Screen title="Page not found">
      <Text>
        crosscal has no page at this address.{" "}
        <Anchor component={Link} href="/">
          Go to the overview
        </Anchor>
        .
      </Text>
    </Screen>
  );
}
