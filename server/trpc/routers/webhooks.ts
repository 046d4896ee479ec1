import { z } from "zod";
import { createEndpoint, createEndpointInput } from "../../webhooks/create-endpoint";
import { deleteEndpoint } from "../../webhooks/delete-endpoint";
import { webhookDeliveryDetailDto, webhookDeliveryDto, webhookEndpointDto, webhookEndpointWithSecretDto } from "../../webhooks/dto";
import { EVENT_FAMILIES } from "../../webhooks/event-types";
import { getEndpoint } from "../../webhooks/get-endpoint";
import { getDelivery, listDeliveries, listDeliveriesInput } from "../../webhooks/list-deliveries";
import { listEndpoints } from "../../webhooks/list-endpoints";
import { resendDelivery } from "../../webhooks/resend-delivery";
import { rotateSecret } from "../../webhooks/rotate-secret";
import { sendTestEvent } from "../../webhooks/send-test";
import { setEndpointStatus } from "../../webhooks/set-endpoint-status";
import { updateEndpoint, updateEndpointInput } from "../../webhooks/update-endpoint";
import { EVENT_TYPES } from "../../events/catalogue";
import { pageInput } from "../../pagination";
import { createTRPCRouter, tenantProcedure } from "../init";

const idParam = z.object({ id: z.uuid() });
const tags = ["webhooks"];
const endpointPage = z.object({ items: z.array(webhookEndpointDto), nextCursor: z.string().nullable() });
const deliveryPage = z.object({ items: z.array(webhookDeliveryDto), nextCursor: z.string().nullable() });

/** Outbound webhooks: endpoints subscribed to event types, their signing secrets, and the delivery log. */
export const webhooksRouter = createTRPCRouter({
  eventTypes: tenantProcedure
    .meta({
      permission: "webhook:read",
      openapi: {
        method: "GET",
        path: "/webhooks/event-types",
        tags,
        summary: "List the event types an endpoint can subscribe to",
        protect: true,
      },
    })
    .input(z.object({}))
    .output(z.object({ types: z.array(z.string()), families: z.array(z.string()) }))
    .query(() => ({ types: [...EVENT_TYPES].sort(), families: [...EVENT_FAMILIES] })),

  list: tenantProcedure
    .meta({
      permission: "webhook:read",
      openapi: { method: "GET", path: "/webhooks/endpoints", tags, summary: "List webhook endpoints", protect: true },
    })
    .input(z.object({ ...pageInput }))
    .output(endpointPage)
    .query(({ ctx, input }) => listEndpoints(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "webhook:read",
      openapi: { method: "GET", path: "/webhooks/endpoints/{id}", tags, summary: "Get a webhook endpoint", protect: true },
    })
    .input(idParam)
    .output(webhookEndpointDto)
    .query(({ ctx, input }) => getEndpoint(ctx.tenantCtx, input)),

  create: tenantProcedure
    .meta({
      permission: "webhook:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints",
        tags,
        summary: "Add a webhook endpoint (its signing secret is returned once)",
        protect: true,
      },
    })
    .input(createEndpointInput)
    .output(webhookEndpointWithSecretDto)
    .mutation(({ ctx, input }) => createEndpoint(ctx.tenantCtx, input)),

  update: tenantProcedure
    .meta({
      permission: "webhook:manage",
      openapi: { method: "PATCH", path: "/webhooks/endpoints/{id}", tags, summary: "Edit a webhook endpoint", protect: true },
    })
    .input(updateEndpointInput)
    .output(webhookEndpointDto)
    .mutation(({ ctx, input }) => updateEndpoint(ctx.tenantCtx, input)),

  delete: tenantProcedure
    .meta({
      permission: "webhook:manage",
      openapi: {
        method: "DELETE",
        path: "/webhooks/endpoints/{id}",
        tags,
        summary: "Delete a webhook endpoint and its log",
        protect: true,
      },
    })
    .input(idParam)
    .output(z.object({ id: z.uuid(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteEndpoint(ctx.tenantCtx, input)),

  rotateSecret: tenantProcedure
    .meta({
      permission: "webhook:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints/{id}/rotate-secret",
        tags,
        summary: "Replace an endpoint's signing secret (the new one is returned once)",
        protect: true,
      },
    })
    .input(idParam)
    .output(webhookEndpointWithSecretDto)
    .mutation(({ ctx, input }) => rotateSecret(ctx.tenantCtx, input)),

  setStatus: tenantProcedure
    .meta({
      permission: "webhook:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/endpoints/{id}/status",
        tags,
        summary: "Enable or disable a webhook endpoint",
        protect: true,
      },
    })
    .input(idParam.extend({ status: z.enum(["active", "disabled"]).describe("`active` re-enables and clears the failure streak") }))
    .output(webhookEndpointDto)
    .mutation(({ ctx, input }) => setEndpointStatus(ctx.tenantCtx, input)),

  sendTest: tenantProcedure
    .meta({
      permission: "webhook:manage",
      openapi: { method: "POST", path: "/webhooks/endpoints/{id}/test", tags, summary: "Send a test event to an endpoint", protect: true },
    })
    .input(idParam)
    .output(webhookDeliveryDto)
    .mutation(({ ctx, input }) => sendTestEvent(ctx.tenantCtx, input)),

  deliveries: tenantProcedure
    .meta({
      permission: "webhook:read",
      openapi: {
        method: "GET",
        path: "/webhooks/endpoints/{id}/deliveries",
        tags,
        summary: "List an endpoint's deliveries",
        protect: true,
      },
    })
    .input(listDeliveriesInput)
    .output(deliveryPage)
    .query(({ ctx, input }) => listDeliveries(ctx.tenantCtx, input)),

  delivery: tenantProcedure
    .meta({
      permission: "webhook:read",
      openapi: {
        method: "GET",
        path: "/webhooks/deliveries/{id}",
        tags,
        summary: "Get a delivery with its request and response",
        protect: true,
      },
    })
    .input(idParam)
    .output(webhookDeliveryDetailDto)
    .query(({ ctx, input }) => getDelivery(ctx.tenantCtx, input)),

  resend: tenantProcedure
    .meta({
      permission: "webhook:manage",
      openapi: {
        method: "POST",
        path: "/webhooks/deliveries/{id}/resend",
        tags,
        summary: "Resend a delivery (one new attempt)",
        protect: true,
      },
    })
    .input(idParam)
    .output(webhookDeliveryDto)
    .mutation(({ ctx, input }) => resendDelivery(ctx.tenantCtx, input)),
});
