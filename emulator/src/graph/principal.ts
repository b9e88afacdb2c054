import type { User } from "../world/types.js";

/** The app a valid Graph access token speaks for; set on the request by the auth hook. */
export interface GraphPrincipal {
  tenantId: string;
  clientId: string;
  servicePrincipalId: string;
  roles: string[];
}

declare module "fastify" {
  interface FastifyRequest {
    principal?: GraphPrincipal;
    /** The mailbox a `/users/{id|upn}/...` request addresses, once resolved (for throttling and stats). */
    mailboxUser?: User;
  }
}
