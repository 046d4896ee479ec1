import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { DEAD_LETTER_STATUSES, deadLetters, type DeadLetterRow } from "@/db/schema";
import { keyset, keysetPage, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";

export { DEAD_LETTER_STATUSES, type DeadLetterStatus } from "@/db/schema";

export const deadLetterDto = z
  .object({
    id: z.uuid(),
    functionId: z.string(),
    runId: z.string(),
    eventId: z.string().nullable(),
    eventName: z.string(),
    error: z.object({ name: z.string(), message: z.string() }),
    attempts: z.number().int().nullable(),
    failedAt: z.iso.datetime(),
    status: z.enum(DEAD_LETTER_STATUSES),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    retryEventId: z.string().nullable(),
  })
  .meta({ id: "DeadLetter" });
export type DeadLetterDto = z.infer<typeof deadLetterDto>;

/** The list's view: the error's name and message (no stack is stored), not the envelope. */
export function toDeadLetterDto(row: DeadLetterRow): DeadLetterDto {
  return {
    id: row.id,
    functionId: row.functionId,
    runId: row.runId,
    eventId: row.eventId,
    eventName: row.eventName,
    error: { name: row.errorName, message: row.errorMessage },
    attempts: row.attempts,
    failedAt: row.failedAt.toISOString(),
    status: row.status,
    resolvedBy: row.resolvedBy,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    retryEventId: row.retryEventId,
  };
}

export const listDeadLettersInput = z.object({ status: z.enum(DEAD_LETTER_STATUSES).optional(), ...pageInput });

/** Newest failure first, keyed on (failed at to the millisecond, id). */
export async function listDeadLetters(
  ctx: TenantContext,
  input: z.infer<typeof listDeadLettersInput>,
): Promise<{ items: DeadLetterDto[]; nextCursor: string | null }> {
  const page = keyset(
    [
      { expr: sql`date_trunc('milliseconds', ${deadLetters.failedAt})`, type: "timestamptz" },
      { expr: deadLetters.id, type: "uuid" },
    ],
    "desc",
    input.cursor,
  );
  const where: (SQL | undefined)[] = [
    eq(deadLetters.tenantId, ctx.tenant.id),
    input.status ? eq(deadLetters.status, input.status) : undefined,
    page.where,
  ];
  const rows = await ctx.tx
    .select()
    .from(deadLetters)
    .where(and(...where))
    .orderBy(...page.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, toDeadLetterDto, (row) => [row.failedAt.toISOString(), row.id]);
}
