import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { SESSION_COOKIE } from "../auth/cookie.js";

/**
 * The OpenAPI document, built from the routes' TypeBox schemas, at /docs/json (and /docs/yaml), and its
 * UI at /docs. Routes that need no authentication say `security: []`; every other one needs the session
 * cookie (with X-CSRF-Token on unsafe methods) or an API token.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "crosscal",
        description: "Two-way sync of Microsoft 365 calendar meetings between tenants: the admin API.",
        version,
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          apiToken: { type: "http", scheme: "bearer", description: "an API token from POST /api/tokens" },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
}
