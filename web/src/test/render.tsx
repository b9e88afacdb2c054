import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { App } from "../App";
import { AppProviders, newQueryClient } from "../AppProviders";

/**
 * The whole dashboard at `path`, with its providers, a fresh cache and an address bar in memory
 * (`location()` reads it). Pair it with fakeApi for the service.
 */
export function renderApp(path: string) {
  const memory = memoryLocation({ path, record: true });
  const queryClient = newQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <App />
      </Router>
    </AppProviders>,
  );
  return { ...view, user, location: () => memory.history.at(-1) };
}
