import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { Type } from "typebox";
import type { RunObserver } from "../../jobs/profile-runner.js";
import { responses } from "../errors.js";

/**
 * Prometheus metrics. Each app has its own registry (several apps in one process, as in tests, never
 * mix their counts): the process's default metrics, the HTTP requests served, and the counters the engine
 * and the webhook receiver feed through `app.crosscalMetrics`.
 */
export interface ServiceMetrics {
  registry: Registry;
  /** Profile runs finished, by outcome (ok, failed, needs_confirmation, skipped). */
  runs: Counter<"outcome">;
  /** Writes to Graph made by runs, by kind (create, update, delete). */
  writes: Counter<"kind">;
  /** Errors, by where they happened (run, webhook, subscription...). */
  errors: Counter<"source">;
  /** Graph answers with 429 Too Many Requests. */
  throttled: Counter<never>;
  /**
   * Change and lifecycle notifications received, by result: accepted (became work), duplicate (proven, but
   * a repeat of one taken recently), forged; and refused, counting whole webhook bodies refused with 413
   * (over the size or notification limit), one each however many notifications they held.
   */
  notifications: Counter<"result">;
  httpRequests: Counter<"method" | "route" | "status">;
  /** Seconds from a change notification to the end of the run that mirrored it (debounce included). */
  lag: Histogram<never>;
}

export function createMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "crosscal_" });
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Counter<L>({ name: `crosscal_${name}`, help, labelNames, registers: [registry] });
  return {
    registry,
    runs: counter("runs_total", "Profile runs finished, by outcome", ["outcome"]),
    writes: counter("graph_writes_total", "Writes to Microsoft Graph, by kind", ["kind"]),
    errors: counter("errors_total", "Errors, by source", ["source"]),
    throttled: counter("graph_throttled_total", "Microsoft Graph 429 answers", []),
    notifications: counter("notifications_total", "Change notifications received, by result", ["result"]),
    httpRequests: counter("http_requests_total", "HTTP requests served", ["method", "route", "status"]),
    lag: new Histogram({
      name: "crosscal_change_lag_seconds",
      help: "Seconds from a change notification to the end of the run that mirrored it",
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
  };
}

declare module "fastify" {
  interface FastifyInstance {
    crosscalMetrics: ServiceMetrics;
  }
}

export function registerMetrics(app: FastifyInstance, metrics: ServiceMetrics): void {
  app.decorate("crosscalMetrics", metrics);
  app.addHook("onResponse", async (request, reply) => {
    // The route pattern, not the URL: ids in paths would make a series per id.
    const route = request.routeOptions.url ?? "unmatched";
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
  });
  app.get(
    "/metrics",
    {
      schema: {
        summary: "Prometheus metrics (text exposition format)",
        tags: ["health"],
        produces: ["text/plain"],
        response: responses({ 200: Type.String() }, [401]),
      },
    },
    async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
}

/** Feeds the metrics from the runs the service makes. */
export function runMetrics(metrics: ServiceMetrics, now: () => number = Date.now): RunObserver {
  return {
    finished(report, request) {
      metrics.runs.inc({ outcome: report.outcome });
      const { created, updated, deleted } = report.counts;
      if (created > 0) metrics.writes.inc({ kind: "create" }, created);
      if (updated > 0) metrics.writes.inc({ kind: "update" }, updated);
      if (deleted > 0) metrics.writes.inc({ kind: "delete" }, deleted);
      if (report.outcome === "failed") metrics.errors.inc({ source: "run" });
      if (request.since !== undefined && request.trigger.includes("notification"))
        metrics.lag.observe((now() - request.since) / 1000);
    },
    threw() {
      metrics.errors.inc({ source: "run" });
    },
  };
}
