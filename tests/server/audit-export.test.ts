import { describe, expect, it } from "vitest";
import { AUDIT_CSV_COLUMNS, csvCell, exportFilename, serializeAuditExport, type ExportFormat } from "@/server/audit/export-audit";
import type { AuditEntry } from "@/server/audit/list-audit-log";

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: "6f1c1c1e-0000-4000-8000-000000000001",
    seq: 1,
    at: "2026-03-01T12:00:00.000Z",
    actor: { type: "user", id: "u1", label: "ada@example.test" },
    action: "member.invited",
    target: { type: "invitation", id: "i1" },
    ip: "203.0.113.7",
    userAgent: "Mozilla/5.0",
    requestId: "req-12345678",
    diff: { email: "bob@example.test", role: "developer" },
    hash: "a".repeat(64),
    ...overrides,
  };
}

async function collect(format: ExportFormat, pages: AuditEntry[][]) {
  let out = "";
  for await (const chunk of serializeAuditExport(format, pages)) out += chunk;
  return out;
}

/** A minimal RFC 4180 reader, to check that what we write parses back to what we meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\r" && text[i + 1] === "\n") {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe("audit export serialisers", () => {
  it("quotes cells with commas, quotes and line breaks, and leaves plain ones alone", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("defuses spreadsheet formulas: = + - @ (and tab, CR) get a leading apostrophe", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe(`"'\rcmd"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes a header and one row per entry across pages, which parse back intact", async () => {
    const evil = entry({
      seq: 2,
      id: "6f1c1c1e-0000-4000-8000-000000000002",
      actor: { type: "api_key", id: "k1", label: '=cmd|" /C calc"!A0' },
      diff: { note: "a, b\nc" },
    });
    const csv = await collect("csv", [[evil], [], [entry()]]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const byColumn = (row: string[]) => Object.fromEntries(AUDIT_CSV_COLUMNS.map((c, i) => [c, row[i]]));
    const first = byColumn(rows[1]!);
    expect(first).toMatchObject({ seq: "2", actor_type: "api_key", actor_label: `'=cmd|" /C calc"!A0`, action: "member.invited" });
    expect(JSON.parse(first.diff!)).toEqual({ note: "a, b\nc" });
    const second = byColumn(rows[2]!);
    expect(second).toMatchObject({ seq: "1", target_type: "invitation", target_id: "i1", ip: "203.0.113.7", hash: "a".repeat(64) });
  });

  it("writes empty cells for missing values", async () => {
    const csv = await collect("csv", [[entry({ target: null, ip: null, diff: null, requestId: null })]]);
    const row = parseCsv(csv.slice(1))[1]!;
    const get = (c: (typeof AUDIT_CSV_COLUMNS)[number]) => row[AUDIT_CSV_COLUMNS.indexOf(c)];
    expect([get("target_type"), get("target_id"), get("ip"), get("request_id"), get("diff")]).toEqual(["", "", "", "", ""]);
  });

  it("writes JSON as one array of entries in the API's shape, across pages", async () => {
    const a = entry({ seq: 3 });
    const b = entry({ seq: 2 });
    const c = entry({ seq: 1, diff: null });
    expect(JSON.parse(await collect("json", [[a, b], [], [c]]))).toEqual([a, b, c]);
    expect(JSON.parse(await collect("json", []))).toEqual([]);
    expect(JSON.parse(await collect("json", [[], []]))).toEqual([]);
  });

  it("accepts pages from an async source, as the route streams them", async () => {
    async function* pages() {
      yield [entry({ seq: 2 })];
      yield [entry({ seq: 1 })];
    }
    let out = "";
    for await (const chunk of serializeAuditExport("json", pages())) out += chunk;
    expect((JSON.parse(out) as AuditEntry[]).map((e) => e.seq)).toEqual([2, 1]);
  });

  it("names the file after the organisation and the time, safely", () => {
    const at = new Date("2026-03-01T12:34:56.789Z");
    expect(exportFilename("acme-labs", "csv", at)).toBe("agentry-audit-acme-labs-20260301T123456Z.csv");
    expect(exportFilename('x"; evil', "json", at)).toBe("agentry-audit-xevil-20260301T123456Z.json");
  });
});
