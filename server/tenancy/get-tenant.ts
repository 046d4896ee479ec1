import type { TenantContext } from "../request-context";
import { toTenantDto, type TenantDto } from "./dto";

/** The caller's organisation, as loaded (and checked) at the start of this transaction. */
export function getTenant(ctx: TenantContext): TenantDto {
  return toTenantDto(ctx.tenant);
}
