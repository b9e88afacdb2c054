import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { adminSession, createApiToken, useServer } from "./fixture.js";

describe("health and metrics", () => {
  const ctx = useServer();

  it("answers /healthz without authentication", async () => {
    const response = await ctx.app().inject({ method: "GET", url: "/healthz" });
    expect([response.statusCode, response.json()]).toEqual([200, { status: "ok" }]);
  });

  it("answers /readyz 200 when the database is reachable and migrated", async () => {
    const response = await ctx.app().inject({ method: "GET", url: "/readyz" });
    expect([response.statusCode, response.json()]).toEqual([200, { status: "ready" }]);
  });

  it("answers /readyz 503 naming the missing migration", async () => {
    await sql`delete from kysely_migration where name = '004_admin'`.execute(ctx.db());
    try {
      const response = await ctx.app().inject({ method: "GET", url: "/readyz" });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        error: { code: "not_ready", message: "the database lacks migrations 004_admin" },
      });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values ('004_admin', '2025-01-01T00:00:00.000Z')`.execute(
        ctx.db(),
      );
    }
  });

  it("serves Prometheus metrics to an API token, with the engine's counters", async () => {
    const token = await createApiToken(ctx, await adminSession(ctx));
    ctx.app().crosscalMetrics.runs.inc({ outcome: "ok" });
    ctx.app().crosscalMetrics.throttled.inc();

    const response = await ctx.app().inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.body).toContain('crosscal_runs_total{outcome="ok"} 1');
    expect(response.body).toContain("crosscal_graph_throttled_total 1");
    for (const name of [
      "graph_writes_total",
      "errors_total",
      "notifications_total",
      "process_cpu_seconds_total",
    ]) {
      expect(response.body).toContain(`crosscal_${name}`);
    }
    expect(response.body).toMatch(
      /crosscal_http_requests_total\{method="POST",route="\/api\/tokens",status="201"\} 1/,
    );
  });

  it("keeps each app's metrics apart", async () => {
    const other = await ctx.rebuild();
    ctx.app().crosscalMetrics.runs.inc({ outcome: "failed" });
    expect(await other.crosscalMetrics.registry.getSingleMetricAsString("crosscal_runs_total")).not.toContain(
      "failed",
    );
  });
});
