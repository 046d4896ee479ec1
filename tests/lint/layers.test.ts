import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layering rules of eslint.layers.mjs, tested on fixtures: each fixture is linted as if it
 * lived in a given layer (the real config, the real ESLint), and must fail — or pass — there.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}.txt`, import.meta.url)), "utf8");

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The layering messages ESLint reports for `code` placed at `filePath`. */
async function layeringErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages
    .filter((m) => ["no-restricted-imports", "no-restricted-properties", "no-restricted-globals"].includes(m.ruleId ?? ""))
    .map((m) => m.message);
}

describe("the architecture lint", () => {
  it("fails a component that imports db/", async () => {
    const errors = await layeringErrors(fixture("imports-db.tsx"), "components/members/lint-fixture.tsx");
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/Only server\/ talks to db\//);
  }, 60_000);

  it("fails a page that imports db/", async () => {
    expect(await layeringErrors(fixture("imports-db.tsx"), "app/(portal)/lint-fixture/page.tsx")).toHaveLength(2);
  }, 60_000);

  it("fails server/ importing app/ or components/", async () => {
    expect(await layeringErrors(fixture("imports-ui.ts"), "server/tenancy/lint-fixture.ts")).toHaveLength(2);
  }, 60_000);

  it("fails a domain verb importing the doors, but lets the doors use each other", async () => {
    expect(await layeringErrors(fixture("imports-doors.ts"), "server/tenancy/lint-fixture.ts")).toHaveLength(2);
    expect(await layeringErrors(fixture("imports-doors.ts"), "server/http/lint-fixture.ts")).toEqual([]);
  }, 60_000);

  it("fails db/ importing server/", async () => {
    expect(await layeringErrors(fixture("imports-server.ts"), "db/schema/lint-fixture.ts")).toHaveLength(1);
  }, 60_000);

  it("keeps server/guard/ free of I/O: database, file system, network, environment", async () => {
    const errors = await layeringErrors(fixture("does-io.ts"), "server/guard/lint-fixture.ts");
    expect(errors).toHaveLength(5);
    expect(
      await layeringErrors(fixture("imports-db.tsx").replace("../../db", "../../db/index"), "server/guard/detectors/lint-fixture.ts"),
    ).toHaveLength(2);
    // The same I/O is fine elsewhere in the domain.
    expect(await layeringErrors(fixture("does-io.ts"), "server/tenancy/lint-fixture.ts")).toEqual([]);
  }, 60_000);

  it("passes what the layers allow", async () => {
    for (const where of ["components/members/lint-fixture.ts", "app/lint-fixture.ts", "server/guard/lint-fixture.ts"]) {
      expect(await layeringErrors(fixture("pure.ts"), where), where).toEqual([]);
    }
  }, 60_000);
});
