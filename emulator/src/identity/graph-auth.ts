import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";

/** Every Graph request must carry a valid app token; the principal is kept on the request. */
export async function registerGraphAuth(app: FastifyInstance, ctx: EmulatorContext): Promise<void> {
  app.addHook("onRequest", async (request) => {
    request.principal = await ctx.identity.verifyGraphToken(request.headers.authorization);
  });
}
