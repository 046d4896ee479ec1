/**
 * Issue 6's journey, as a new member of a fresh organisation does it in the portal — in English
 * on a desktop, and in Chinese on a phone (375 px):
 *
 *   1. create an agent from the customer-service template;
 *   2. upload a returns policy into the knowledge base;
 *   3. ask the agent about returns in the playground: the answer streams in (Server-Sent Events)
 *      and cites the document;
 *   4. paste a prompt injection: the guard blocks it and says why;
 *   5. open the incident it opened, from the incidents list, and read the evidence;
 *   6. set the organisation's injection policy to `flag` in the policy editor;
 *   7. the next injection passes with a warning: the playground, the run (flagged step, risk
 *      badge) and the same incident, seen a second time, all say so.
 *
 * Real parts all the way: `next start` on Postgres, the local provider, the guard. Every string
 * the page shows is looked up in the message catalogues, so both languages run the same steps.
 * Each page passes axe (no serious or critical finding) and never scrolls sideways.
 */
import { catalogue } from "../support/catalogue";
import { expect, signIn, test } from "../support/fixtures";
import { fitsTheScreen, openSection } from "../support/page-checks";
import { JOURNEYS } from "../support/trust-and-safety-journeys";

const BASE = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";

for (const journey of JOURNEYS) {
  const { locale } = journey;
  test.describe(`${locale} at ${journey.viewport.width} px`, () => {
    test.use({ viewport: journey.viewport });

    test(`trust and safety: template agent, uploaded policy, cited streamed answer, injection blocked → incident, policy to flag → warning (${locale}, ${journey.viewport.width} px)`, async ({
      context,
      page,
      seed,
    }) => {
      test.slow(); // eleven pages and three runs, on a shared machine
      const t = catalogue(locale);
      const org = await seed.tenant();
      const slug = org.tenant.slug;
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE }]);
      await signIn(context, org.owner.email);
      const main = page.locator("main");
      await page.goto(`/t/${slug}`);
      let agentId = "";

      await test.step("create an agent from the customer-service template", async () => {
        await openSection(page, t, "agents");
        await main.getByRole("link", { name: t("agents.createFromTemplate") }).click();
        await expect(page).toHaveURL(/\/agents\/new\?template=customer-service$/);
        const name = main.getByLabel(t("agents.form.name"), { exact: true });
        await expect(name).toHaveValue(t("agents.templates.customer-service.name"));
        await name.fill(journey.agentName);
        await fitsTheScreen(page, "new agent from the template");
        await main.getByRole("button", { name: t("agents.form.create") }).click();
        await expect(page).toHaveURL(new RegExp(`/t/${slug}/agents/[0-9a-f-]{36}$`));
        agentId = page.url().split("/").at(-1)!;
        await expect(main.getByRole("heading", { level: 1 })).toContainText(journey.agentName);
        await expect(main.locator("h1 [data-badge]")).toHaveText(t("agents.statuses.active"));
      });

      await test.step("upload the returns policy into the knowledge base", async () => {
        await openSection(page, t, "knowledge");
        await main.getByRole("button", { name: t("knowledge.newCollection") }).click();
        const dialog = page.getByRole("dialog", { name: t("knowledge.createTitle") });
        await dialog.getByLabel(t("knowledge.name"), { exact: true }).fill(journey.collectionName);
        await dialog.getByRole("button", { name: t("knowledge.create"), exact: true }).click();
        await expect(main.getByRole("heading", { name: journey.collectionName, level: 1 })).toBeVisible();

        await main.getByRole("tab", { name: t("knowledge.upload") }).click();
        await main.getByLabel(t("knowledge.file"), { exact: true }).setInputFiles({
          name: journey.document.file,
          mimeType: "text/markdown",
          buffer: Buffer.from(journey.document.content),
        });
        await main.getByLabel(t("knowledge.titleOptional")).fill(journey.document.title);
        await main.getByRole("button", { name: t("knowledge.uploadButton"), exact: true }).click();
        const row = main
          .getByRole("table", { name: t("knowledge.documents") })
          .getByRole("row")
          .filter({ hasText: journey.document.title });
        await expect(row).toContainText(t("knowledge.sources.upload"));
        const passages = Number(await row.getByTestId("chunk-count").textContent());
        expect(passages, "the policy is split into passages").toBeGreaterThan(0);
        await expect(
          main.getByRole("status").filter({ hasText: t("knowledge.added", { title: journey.document.title, count: passages }) }),
        ).toBeVisible();
        await fitsTheScreen(page, "collection with the uploaded policy");
      });

      const turns = main.getByTestId("turn");
      const ask = async (text: string) => {
        await main.getByLabel(t("runs.playground.inputLabel")).fill(text);
        await main.getByRole("button", { name: t("runs.playground.send") }).click();
      };
      const openPlayground = async () => {
        await openSection(page, t, "agents");
        await main.getByRole("link", { name: journey.agentName }).click();
        await main.getByRole("link", { name: t("agents.detail.playground") }).click();
        await expect(page).toHaveURL(new RegExp(`/agents/${agentId}/playground`));
        await expect(main.getByText(t("runs.playground.empty"))).toBeVisible();
      };

      await test.step("ask in the playground: a streamed answer that cites the policy", async () => {
        await openPlayground();
        await fitsTheScreen(page, "empty playground");
        const stream = page.waitForResponse((r) => r.url().endsWith(`/api/v1/agents/${agentId}/runs`) && r.request().method() === "POST");
        await ask(journey.question);
        const response = await stream;
        expect(response.status()).toBe(200);
        expect(response.headers()["content-type"], "the answer comes as Server-Sent Events").toMatch(/^text\/event-stream/);
        const turn = turns.nth(0);
        await expect(turn).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
        // The local model marks each passage with its source's number and lists the sources by title.
        const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        await expect(turn).toContainText(new RegExp(`${escape(journey.fact)}[^\\n]*\\[1\\]`));
        await expect(turn, "the answer cites the document by its title").toContainText(`[1] ${journey.document.title}`);
        await expect(turn.getByTestId("turn-sources"), "sources listed once, by the answer itself").toHaveCount(0);
        await fitsTheScreen(page, "cited answer");
      });

      await test.step("paste an injection: blocked, with the guard's reason", async () => {
        await ask(journey.injection);
        const turn = turns.nth(1);
        await expect(turn).toHaveAttribute("data-state", "blocked", { timeout: 30_000 });
        const alert = turn.getByRole("alert");
        await expect(alert).toContainText(t("runs.playground.blocked"));
        await expect(alert).toContainText(t("runs.detail.detectors.injection"));
        await expect(turn.getByRole("link", { name: t("runs.playground.viewRun") })).toBeVisible();
        await fitsTheScreen(page, "injection blocked");
      });

      let incidentId = "";
      await test.step("open the incident it opened and read the evidence", async () => {
        await openSection(page, t, "incidents");
        const row = main.locator("[data-incident]").filter({ hasText: journey.agentName });
        await expect(row).toHaveCount(1);
        await expect(row).toContainText(t("incidents.statuses.open"));
        await expect(row).toContainText(t("incidents.occurrencesCount", { count: 1 }));
        incidentId = (await row.getAttribute("data-incident"))!;
        await fitsTheScreen(page, "incidents list");
        await row.getByRole("link").first().click();
        await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));
        const evidence = main.locator("[data-evidence]");
        // The blocked prompt as the guard saw it (kept readable: it holds no personal data), its findings marked.
        for (const part of journey.marked) await expect(evidence.locator("mark").filter({ hasText: part })).toBeVisible();
        const shown = await evidence.evaluate((el) => {
          const copy = el.cloneNode(true) as HTMLElement;
          copy.querySelectorAll(".sr-only").forEach((label) => label.remove()); // the marks' screen-reader labels
          return copy.textContent;
        });
        expect(shown).toBe(journey.injection);
        await expect(main.getByText(t("guardPolicy.detectors.injection")).first()).toBeVisible();
        await expect(main.getByText(t("guard.detectors.injection.description"))).toBeVisible();
        await expect(main.getByRole("link", { name: journey.agentName })).toBeVisible();
        await expect(main.locator("[data-activity=opened]")).toContainText(
          t("incidents.activity.opened", { action: t("guardPolicy.actions.block") }),
        );
        await fitsTheScreen(page, "incident detail");
      });

      await test.step("set the injection policy to flag in the policy editor", async () => {
        await openSection(page, t, "guard");
        const action = main.getByRole("combobox", {
          name: t("guardPolicy.actionFor", { detector: t("guardPolicy.detectors.injection") }),
        });
        await expect(action).toHaveValue("block");
        await action.selectOption("flag");
        await main.getByRole("button", { name: t("guardPolicy.save") }).click();
        await expect(main.getByRole("status").filter({ hasText: t("guardPolicy.saved") })).toBeVisible();
        await page.reload();
        await expect(action, "the stored policy").toHaveValue("flag");
        await expect(main.locator("[data-detector=injection]").getByText(t("guardPolicy.changed"), { exact: true })).toBeVisible();
        await fitsTheScreen(page, "policy editor");
      });

      await test.step("the next injection passes with a warning, and the run and the incident show it", async () => {
        await openPlayground();
        await ask(journey.injection);
        const turn = turns.nth(0);
        await expect(turn).toHaveAttribute("data-state", "completed", { timeout: 30_000 });
        const warning = turn.getByRole("status");
        await expect(warning).toContainText(t("runs.playground.flagged"));
        await expect(warning).toContainText(t("runs.detail.detectors.injection"));
        await fitsTheScreen(page, "injection flagged");

        await turn.getByRole("link", { name: t("runs.playground.viewRun") }).click();
        await expect(page).toHaveURL(new RegExp(`/t/${slug}/runs/[0-9a-f-]{36}$`));
        const runId = page.url().split("/").at(-1)!;
        const [stored] = await seed.ownerSql("select status, risk_level from runs where id = $1", [runId]);
        expect(stored, "the flagged run completed with its risk recorded").toMatchObject({ status: "completed" });
        expect(["medium", "high", "critical"]).toContain(stored!.risk_level);
        const heading = main.getByRole("heading", { level: 1 });
        await expect(heading).toContainText(t("runs.statuses.completed"));
        await expect(heading).toContainText(t(`runs.risks.${String(stored!.risk_level)}`));
        const inputGuard = main.getByRole("listitem").filter({ hasText: t("runs.detail.steps.input_guard") });
        await expect(inputGuard).toContainText(t("runs.detail.stepStatus.flagged"));
        await expect(inputGuard).toContainText(t("runs.detail.detectors.injection"));
        await fitsTheScreen(page, "flagged run");

        await openSection(page, t, "incidents");
        const row = main.locator(`[data-incident="${incidentId}"]`);
        await expect(row, "the flagged run joined the open incident").toContainText(t("incidents.occurrencesCount", { count: 2 }));
        await row.getByRole("link").first().click();
        await expect(main.locator("[data-activity=occurrence]")).toContainText(
          t("incidents.activity.occurrence", { action: t("guardPolicy.actions.flag") }),
        );
      });

      // What the journey left behind, read as the owner: three runs and one incident, each change audited.
      const runs = await seed.ownerSql("select status from runs where tenant_id = $1 order by created_at", [org.tenant.id]);
      expect(runs.map((r) => r.status)).toEqual(["completed", "blocked", "completed"]);
      const incidents = await seed.ownerSql("select detector, occurrences from incidents where tenant_id = $1", [org.tenant.id]);
      expect(incidents).toEqual([{ detector: "injection", occurrences: 2 }]);
      const actions = (await seed.auditRows(org.tenant.id)).map((r) => r.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          "agent.created",
          "knowledge.collection_created",
          "knowledge.document_added",
          "incident.opened",
          "guard.policy_updated",
        ]),
      );
    });
  });
}
