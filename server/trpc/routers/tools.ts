import { z } from "zod";
import { addAllowedHost, addAllowedHostInput } from "../../agents/tools/hosts/add-allowed-host";
import { allowedHostDto, listAllowedHosts } from "../../agents/tools/hosts/list-allowed-hosts";
import { removeAllowedHost } from "../../agents/tools/hosts/remove-allowed-host";
import { createTRPCRouter, tenantProcedure } from "../init";

const tags = ["tools"];

/** The `http_request` tool's allow-list: reading it is part of the guard's configuration, changing it is managing the guard. */
export const toolsRouter = createTRPCRouter({
  listAllowedHosts: tenantProcedure
    .meta({
      permission: "guard:read",
      openapi: { method: "GET", path: "/tools/allowed-hosts", tags, summary: "List the hosts http_request may call", protect: true },
    })
    .input(z.object({}))
    .output(z.object({ items: z.array(allowedHostDto) }))
    .query(({ ctx }) => listAllowedHosts(ctx.tenantCtx)),

  addAllowedHost: tenantProcedure
    .meta({
      permission: "guard:manage",
      openapi: { method: "POST", path: "/tools/allowed-hosts", tags, summary: "Allow http_request to call a host", protect: true },
    })
    .input(addAllowedHostInput)
    .output(allowedHostDto)
    .mutation(({ ctx, input }) => addAllowedHost(ctx.tenantCtx, input)),

  removeAllowedHost: tenantProcedure
    .meta({
      permission: "guard:manage",
      openapi: { method: "DELETE", path: "/tools/allowed-hosts/{id}", tags, summary: "Remove a host from the allow-list", protect: true },
    })
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx, input }) => removeAllowedHost(ctx.tenantCtx, input)),
});
