import type { ConnectionStatus } from "./use-connections";

export interface StatusAdvice {
  /** The badge's words. */
  label: string;
  color: string;
  /** What it means, when the reason alone does not say it. */
  meaning: string;
  /** What the administrator does about it; null when nothing is to be done. */
  todo: string | null;
}

/**
 * Each status of a connection's live check, what it means and what to do: the table of docs/service.md
 * ("Connections", Status), in the dashboard's words.
 */
export const STATUS_ADVICE: Record<ConnectionStatus, StatusAdvice> = {
  unchecked: {
    label: "Not checked yet",
    color: "gray",
    meaning: "No live check has run since the connection was created or changed.",
    todo: "Check it now.",
  },
  connected: {
    label: "Connected",
    color: "green",
    meaning: "crosscal got a token and read a calendar, and the app holds Calendars.ReadWrite.",
    todo: null,
  },
  bad_credentials: {
    label: "Bad credentials",
    color: "red",
    meaning:
      "Entra ID refused the client secret or certificate (wrong or expired secret, unknown certificate).",
    todo: "Enter the secret's current value (its value, not its ID), or upload the certificate again.",
  },
  consent_missing: {
    label: "Consent missing",
    color: "orange",
    meaning: "The app is not consented in this tenant, or its token carries no application permissions.",
    todo: "An administrator of the tenant grants admin consent to the app.",
  },
  permission_missing: {
    label: "Permission missing",
    color: "orange",
    meaning:
      "The app lacks Calendars.ReadWrite (or has only Calendars.Read), or, without a probe mailbox, User.Read.All.",
    todo: "Add the application permission to the app registration and grant admin consent again.",
  },
  mailbox_out_of_scope: {
    label: "Mailbox out of scope",
    color: "orange",
    meaning:
      "The app holds a calendar permission, but Exchange refused the probe mailbox: it lies outside the app's RBAC scope or application access policy.",
    todo: "Add the mailbox to the app's Exchange scope.",
  },
  mailbox_not_found: {
    label: "Mailbox not found",
    color: "red",
    meaning: "The probe mailbox does not exist in the tenant.",
    todo: "Fix the probe mailbox.",
  },
  tenant_not_found: {
    label: "Tenant not found",
    color: "red",
    meaning: "The cloud knows no such tenant.",
    todo: "Fix the tenant or the cloud.",
  },
  unreachable: {
    label: "Unreachable",
    color: "red",
    meaning: "Entra ID or Graph did not answer, kept failing, or took longer than 30 s.",
    todo: "Check the network, proxy and endpoints; check again later.",
  },
  error: {
    label: "Error",
    color: "red",
    meaning: "Something else went wrong.",
    todo: "Read the reason above; the service's log has the detail.",
  },
};
