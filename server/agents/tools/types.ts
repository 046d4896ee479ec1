import type { KnowledgeHit } from "../../knowledge/search";

/** A JSON Schema object (as providers send it to the model). */
export type JSONSchema = Record<string, unknown>;

/** What a model is told about a tool; the same shape as `ToolSpec` in server/agents/providers. */
export type ToolSpec = { name: string; description: string; parameters: JSONSchema };

/**
 * What the test harness may loosen — and nothing else may: the runs engine never sets it, no
 * tenant data or environment variable reaches it, and it is ignored when NODE_ENV is
 * "production". Tests use it to talk to a node:http server on 127.0.0.1.
 */
export type TestNetworkOptIn = {
  /** Allow plain http:// (otherwise only https://). */
  allowHttp?: boolean;
  /** Allow loopback addresses (127.0.0.0/8, ::1) — no other private range. */
  allowLoopback?: boolean;
};

/** How a host name becomes addresses; `dns.lookup` with `all: true` unless a test injects its own. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

/** Tighter limits for tests (each is capped at the default: a caller can only make them stricter). */
export type HttpLimits = { timeoutMs: number; maxBytes: number; maxRedirects: number };

/** What a tool gets from the run that calls it. Built by `createToolContext`. */
export type ToolContext = {
  tenantId: string;
  /** Searches the tenant's knowledge (the agent's collections), in its own short read transaction. */
  search(query: string, limit: number): Promise<KnowledgeHit[]>;
  /** The tenant's `http_request` allow-list: exact, lower-case, ASCII (punycode) host names. */
  allowedHosts: readonly string[];
  signal: AbortSignal;
  resolver?: Resolver;
  httpLimits?: Partial<HttpLimits>;
  testNetwork?: TestNetworkOptIn;
};

export type ToolResult = { output: unknown; summary: string };

export type Tool = { spec: ToolSpec; run(args: Record<string, unknown>, toolCtx: ToolContext): Promise<ToolResult> };

export type ToolErrorCode =
  | "invalid_arguments"
  | "invalid_expression"
  | "ssrf_blocked"
  | "host_not_allowed"
  | "invalid_url"
  | "too_many_redirects"
  | "timeout"
  | "unsupported_content_type"
  | "network_error"
  | "aborted";

/** A tool's refusal or failure: `code` is stable (recorded on the run step), `message` says why in English. */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  constructor(code: ToolErrorCode, message: string) {
    super(message);
    this.name = "ToolError";
    this.code = code;
  }
}
