import { z } from "zod";
import { ROLES } from "@/db/schema";
import type { Principal, TenantContext } from "../request-context";

export const principalDto = z
  .object({
    type: z.enum(["user", "api_key", "system", "platform"]),
    id: z.string(),
    label: z.string(),
    role: z.enum(ROLES).describe("For a key: its creator's role, which bounds it"),
    permissions: z.array(z.string()),
  })
  .meta({ id: "Principal" });

export type PrincipalDto = z.infer<typeof principalDto>;

function identify(p: Principal): { id: string; label: string } {
  switch (p.type) {
    case "user":
      return { id: p.userId, label: p.email };
    case "api_key":
      return { id: p.keyId, label: p.keyName };
    case "system":
      return { id: p.job, label: p.job };
    case "platform":
      return { id: p.operatorId, label: "platform operator" };
  }
}

/** Who is calling, and what they may do here. */
export function whoami(ctx: TenantContext): PrincipalDto {
  return { type: ctx.principal.type, ...identify(ctx.principal), role: ctx.principal.role, permissions: [...ctx.permissions] };
}
