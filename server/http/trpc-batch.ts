/**
 * Calls one `?batch=1` tRPC request may carry. Each call is a procedure run (one request created
 * 20 organisations at once). The server refuses more (400 batch_too_large); the portal's client
 * splits its batches at this size (components/providers/trpc.tsx).
 */
export const MAX_TRPC_BATCH = 10;
