import "@mantine/core/styles.css";
import "./styles.css";
import { setNonce } from "get-nonce";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AppProviders, newQueryClient } from "./AppProviders";
import { preloadScreenFor } from "./navigation";
import { cspNonce } from "./nonce";

const nonce = cspNonce();
// Dialogs lock the page's scroll with a <style> element of their own (react-remove-scroll): same nonce.
if (nonce) setNonce(nonce);

const queryClient = newQueryClient();
preloadScreenFor(window.location.pathname, window.location.search, queryClient);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AppProviders queryClient={queryClient} nonce={nonce}>
      <App />
    </AppProviders>
  </StrictMode>,
);
