/** The requests checked by hand before any load: a series that measures wrong answers must not run. */
import type { BenchDatabase, Seeded } from "../database";
import type { App } from "../services";
import { bearer } from "./bearer";

/** One request by hand: the key works, it names the seeded tenant, on the enterprise plan. */
export async function checkOneRequest(app: App, seeded: Seeded, key: string) {
  const res = await fetch(`${app.baseUrl}/api/v1/tenant`, { headers: bearer(key) });
  const body = (await res.json()) as { slug?: string; planId?: string };
  if (res.status !== 200 || body.slug !== seeded.slug || body.planId !== "enterprise") {
    throw new Error(`GET /api/v1/tenant answered ${res.status} ${JSON.stringify(body)}; expected 200 for ${seeded.slug} on enterprise.`);
  }
  const limit = res.headers.get("ratelimit-limit");
  console.log(
    `check: 200, tenant ${body.slug}, plan ${body.planId}, RateLimit-Limit ${limit}, x-request-id ${res.headers.get("x-request-id") ? "present" : "missing"}`,
  );
}

type RunAnswer = {
  id?: string;
  status?: string;
  output?: string | null;
  riskLevel?: string;
  guard?: { input?: { action: string }; output?: { action: string } } | null;
};

/**
 * One run by hand before any load: 200, completed, the answer says what the document says and
 * cites it by title, both guard sides allowed it, and the run and its steps are in the database.
 */
export async function checkOneRun(app: App, seeded: Seeded, key: string, db: BenchDatabase) {
  const { runs } = seeded;
  const res = await fetch(`${app.baseUrl}/api/v1/agents/${runs.agentId}/runs`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ input: runs.question }),
  });
  const run = (await res.json().catch(() => ({}))) as RunAnswer;
  const output = run.output ?? "";
  // The local model numbers its sources ("… 30 days … [1]", then "[1] Returns policy").
  const cited = new RegExp(`\\[(\\d+)\\] ${runs.documentTitle}`).test(output);
  if (res.status !== 200 || run.status !== "completed" || !output.includes(runs.expected) || !cited) {
    throw new Error(
      `POST /api/v1/agents/{id}/runs answered ${res.status} ${JSON.stringify(run).slice(0, 600)}; expected 200, completed, “${runs.expected}”, citing “${runs.documentTitle}”.`,
    );
  }
  if (run.guard?.input?.action !== "allow" || run.guard?.output?.action !== "allow") {
    throw new Error(`the guard did not pass the checked run on both sides: ${JSON.stringify(run.guard)}`);
  }
  const steps = await db.ownerSql("select kind from run_steps where run_id = $1 order by ordinal", [run.id]);
  console.log(
    `check: 200, run ${run.id} completed, risk ${run.riskLevel}, cites “${runs.documentTitle}”, ${steps.length} steps stored (${steps.map((s) => s.kind).join(", ")})`,
  );
  console.log(`  answer: ${output.replace(/\s+/g, " ").slice(0, 160)}…`);
}
