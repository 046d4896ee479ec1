import { z } from "zod";
import { ACTOR_TYPES } from "@/db/schema";
import { getAuditEntry } from "../../audit/get-audit-entry";
import { listAuditLog } from "../../audit/list-audit-log";
import { verifyAuditChain } from "../../audit/verify-audit-chain";
import { boundedDate } from "../../bounded-date";
import { createTRPCRouter, tenantProcedure } from "../init";

const auditEntryDto = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    at: z.iso.datetime(),
    actor: z.object({ type: z.enum(ACTOR_TYPES), id: z.string().nullable(), label: z.string().nullable() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    diff: z.record(z.string(), z.unknown()).nullable(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });

const chainVerdictDto = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    lastSeq: z.number().int(),
    firstBroken: z
      .object({ seq: z.number().int(), id: z.string().nullable(), reason: z.enum(["hash_mismatch", "prev_hash_mismatch", "missing_rows"]) })
      .nullable(),
    verifiedAt: z.iso.datetime(),
  })
  .meta({ id: "AuditChainVerdict" });

export const auditListInput = z.object({
  action: z.string().trim().max(80).optional().describe("Prefix, e.g. member. or apikey.created"),
  actorType: z.enum(ACTOR_TYPES).optional(),
  actorId: z.string().max(80).optional(),
  targetId: z.string().max(80).optional(),
  from: boundedDate.optional(),
  to: boundedDate.optional(),
  cursor: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const auditRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "audit:read",
      openapi: { method: "GET", path: "/audit-log", tags: ["audit"], summary: "List audit entries, newest first", protect: true },
    })
    .input(auditListInput)
    .output(z.object({ items: z.array(auditEntryDto), nextCursor: z.number().int().nullable() }))
    .query(({ ctx, input }) => {
      const { cursor, limit, ...filters } = input;
      return listAuditLog(ctx.tenantCtx, { filters, cursor, limit });
    }),

  get: tenantProcedure
    .meta({
      permission: "audit:read",
      openapi: { method: "GET", path: "/audit-log/{id}", tags: ["audit"], summary: "Get one audit entry", protect: true },
    })
    .input(z.object({ id: z.uuid() }))
    .output(auditEntryDto)
    .query(({ ctx, input }) => getAuditEntry(ctx.tenantCtx, input)),

  verify: tenantProcedure
    .meta({
      permission: "audit:verify",
      openapi: { method: "POST", path: "/audit-log/verify", tags: ["audit"], summary: "Verify the hash chain end to end", protect: true },
    })
    .input(z.void())
    .output(chainVerdictDto)
    .mutation(({ ctx }) => verifyAuditChain(ctx.tenantCtx)),
});
