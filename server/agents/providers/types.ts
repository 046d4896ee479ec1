/**
 * The shapes every model provider speaks (CONTRACTS.md, "Providers"). A provider turns one
 * `ModelRequest` into a stream of `ModelEvent`s: text deltas, whole tool calls (never argument
 * fragments), and one final `done` with the token usage.
 */

export type ProviderId = "local" | "openai" | "anthropic";
export const PROVIDER_IDS = ["local", "openai", "anthropic"] as const satisfies readonly ProviderId[];

/** A JSON Schema object (tool parameters); passed through to the vendor as written. */
export type JSONSchema = Record<string, unknown>;

export type ToolCall = { id: string; name: string; arguments: Record<string, unknown> };
export type ToolSpec = { name: string; description: string; parameters: JSONSchema };

export type ChatMessage = {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  /** role "tool": the call this is the result of. */
  toolCallId?: string;
  /** role "assistant": the calls the model made in this turn. */
  toolCalls?: ToolCall[];
};

export type ModelRequest = {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  tools?: ToolSpec[];
  /** The caller's cancellation (client gone, run aborted). Timeouts are the provider's own. */
  signal: AbortSignal;
};

export type Usage = { inputTokens: number; outputTokens: number };

export type ModelEvent =
  { type: "text"; delta: string } | { type: "tool_call"; call: ToolCall } | { type: "done"; usage: Usage; finishReason: string };

export interface ModelProvider {
  id: ProviderId;
  stream(req: ModelRequest): AsyncIterable<ModelEvent>;
}

/**
 * What the `local` provider retrieves. Structurally the fields of `KnowledgeHit`
 * (server/knowledge/search.ts) it reads, so a knowledge hit fits without providers importing it.
 */
export type LocalHit = { chunkId: string; documentId: string; documentTitle: string; content: string; rank: number };

/** Supplied by the runs engine (from knowledge), so providers never touch the database. */
export type LocalContext = { search(query: string, limit: number): Promise<LocalHit[]> };

/** Time limits of a network provider, in milliseconds. */
export type ProviderTimeouts = {
  /** From sending the request until the response headers (connect + first byte). */
  firstByteMs: number;
  /** Longest silence between two chunks of a streamed body. */
  idleMs: number;
  /** The whole exchange, first byte to last. */
  totalMs: number;
};

export const DEFAULT_TIMEOUTS: ProviderTimeouts = { firstByteMs: 15_000, idleMs: 30_000, totalMs: 120_000 };

/** What a network provider (openai, anthropic) is built from. */
export type NetworkProviderConfig = {
  baseUrl?: string;
  apiKey?: string;
  timeouts?: Partial<ProviderTimeouts>;
  /** `public-only` (the default) refuses hosts that resolve to private addresses: see address-policy.ts. */
  addressPolicy?: "public-only" | "any";
  /** DNS, replaceable in tests. */
  resolve?: (hostname: string) => Promise<{ address: string }[]>;
};
