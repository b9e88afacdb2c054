import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { App } from "../App";
import { AppProviders, newQueryClient } from "../AppProviders";
import { preloadScreenFor } from "../navigation";

/**
 * The whole dashboard at `path`, with its providers, a fresh cache and an address bar in memory
 * (`location()` reads it). Pair it with fakeApi for the service. `firstLoad`: as a page's first load does
 * (main.tsx), the session, the screen's data and its code are asked for before the first render.
 */
export function renderApp(path: string, { firstLoad = false } = {}) {
  const memory = memoryLocation({ path, record: true });
  const queryClient = newQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  if (firstLoad) {
    const url = new URL(path, "http://localhost");
    preloadScreenFor(url.pathname, url.search, queryClient);
  }
  const user = userEvent.setup();
  const view = render(
    <AppProviders queryClient={queryClient}>
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <App />
      </Router>
    </AppProviders>,
  );
  return { ...view, user, queryClient, location: () => memory.history.at(-1) };
}
