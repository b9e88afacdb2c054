import type { ServiceHooks } from "../../jobs/service-types.js";
import type { SecretBox } from "../../secrets/secret-box.js";
import { ApiError } from "../errors.js";
import type { ServerSettings } from "../options.js";

/** The running service, or 503: an app built without one (tests of other routes) cannot act on profiles. */
export function serviceOf(settings: ServerSettings): ServiceHooks {
  if (settings.service) return settings.service;
  throw new ApiError(503, "service_unavailable", "this server runs without the sync service");
}

/** The secret box, or 503: connection secrets cannot be sealed or opened without the deployment's key. */
export function secretsOf(settings: ServerSettings): SecretBox {
  if (settings.secrets) return settings.secrets;
  throw new ApiError(
    503,
    "secrets_unavailable",
    "this server has no secret key to seal connection secrets with",
  );
}
