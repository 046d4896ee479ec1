import { and, eq, isNull } from "drizzle-orm";
import { responseActions } from "@/db/schema";
import { reinstateApiKey } from "../api-keys/reinstate-api-key";
import type { ApiKeyDto } from "../api-keys/dto";
import type { TenantContext } from "../request-context";
import { undoResponse } from "./undo-response";

/**
 * "Reinstate" on the API keys page: when a playbook suspended the key, this is the undo of that
 * response (so the incident's timeline and the responses list say so); otherwise a plain
 * reinstatement. Reinstating a key that is not suspended changes nothing.
 */
export async function reinstateKey(ctx: TenantContext, { id }: { id: string }): Promise<ApiKeyDto> {
  const open = await ctx.tx
    .select({ id: responseActions.id })
    .from(responseActions)
    .where(
      and(
        eq(responseActions.tenantId, ctx.tenant.id),
        eq(responseActions.rule, "suspend_api_key"),
        eq(responseActions.targetId, id),
        isNull(responseActions.undoneAt),
      ),
    );
  for (const response of open) await undoResponse(ctx, { id: response.id });
  const { changed: _changed, ...key } = await reinstateApiKey(ctx, { id });
  return key;
}
