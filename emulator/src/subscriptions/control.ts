import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context.js";

export async function registerSubscriptionControl(
  _app: FastifyInstance,
  _ctx: EmulatorContext,
): Promise<void> {}
