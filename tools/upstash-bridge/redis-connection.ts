import { createHash } from "node:crypto";
import { createClient, ErrorReply, RESP_TYPES } from "redis";

/** One command as Upstash clients send it: `["SET", "k", "v", "EX", 60]`. */
export type Command = ReadonlyArray<string | number | boolean>;
export type Reply = { result: unknown } | { error: string };
/** A command ready to send (`answer`, when set, replaces Redis's reply), or why it is refused. */
type Prepared = { args: string[]; answer?: Buffer; error?: undefined } | { error: string; args?: undefined; answer?: undefined };

/**
 * Commands that would change the state of the one connection every request shares (a
 * transaction, a database, pub/sub, protocol, reply mode) or block it for everyone. The
 * bridge exists for rate limiting and caching, so refusing them costs nothing.
 */
const REFUSED = new Set(
  "MULTI EXEC DISCARD WATCH UNWATCH SELECT SWAPDB SUBSCRIBE PSUBSCRIBE SSUBSCRIBE UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE MONITOR QUIT RESET HELLO AUTH CLIENT BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP BZPOPMIN BZPOPMAX BZMPOP WAIT WAITAOF".split(
    " ",
  ),
);

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * Upstash accepts `#!lua flags=allow-key-locking`; Redis 7.0 refuses the unknown flag. Drop it
 * (keeping any real flags); when nothing is left the line is blanked, not removed, so Lua error
 * line numbers still match the caller's script.
 */
export function stripUpstashFlags(script: string): string {
  const end = script.indexOf("\n");
  const first = end === -1 ? script : script.slice(0, end);
  const match = /^#!lua\s+flags=(\S*)\s*$/.exec(first);
  if (!match) return script;
  const flags = match[1]!.split(",").filter(Boolean);
  const kept = flags.filter((flag) => flag !== "allow-key-locking");
  if (kept.length === flags.length) return script;
  return (kept.length ? `#!lua flags=${kept.join(",")}` : "") + script.slice(first.length);
}

/** Redis replies (Buffers, numbers, null, nested arrays) as Upstash's JSON. */
function toJson(reply: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(reply)) return reply.toString(base64 ? "base64" : "utf8");
  if (Array.isArray(reply)) return reply.map((item) => toJson(item, base64));
  if (reply instanceof ErrorReply) return reply.message;
  return reply ?? null;
}

export async function connectRedis(url: string, log: (message: string) => void) {
  let everReady = false;
  let reported = false;
  const client = createClient({
    url,
    RESP: 2,
    // Raw bytes for every string, so base64 responses are byte-exact even for binary values.
    commandOptions: { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer, [RESP_TYPES.SIMPLE_STRING]: Buffer } },
    // Fail fast while Redis is down instead of queueing: callers have their own timeouts.
    disableOfflineQueue: true,
    // Refuse to start against an unreachable Redis; once up, keep reconnecting.
    socket: { reconnectStrategy: (retries, cause) => (everReady ? Math.min(100 * 2 ** retries, 5_000) : cause) },
  });
  client.on("ready", () => ((everReady = true), (reported = false)));
  // Once per outage, not per reconnect attempt; before the first connection, connect() rejects.
  client.on("error", (error: Error) => {
    if (everReady && !reported) log(`upstash-bridge: redis error: ${error.message}`);
    reported = true;
  });
  await client.connect();

  // Original sha (what clients compute) → sha of the script Redis actually stored. Bounded:
  // a client sending endless distinct scripts must not grow the bridge without limit.
  const shas = new Map<string, string>();
  const remember = (original: string, rewritten: string) => {
    if (shas.size >= 1_000) shas.delete(shas.keys().next().value!);
    shas.set(original, rewritten);
  };
  const loadScript = (script: string) => {
    const rewritten = stripUpstashFlags(script);
    if (rewritten !== script) remember(sha1(script), sha1(rewritten));
    return rewritten;
  };
  const mapSha = (sha: string) => shas.get(sha.toLowerCase()) ?? sha;

  /** Validates and rewrites one command (scripts and their shas). */
  function prepare(command: Command): Prepared {
    const args = command.map(String);
    const name = args[0]?.toUpperCase() ?? "";
    if (!name) return { error: "ERR empty command" };
    const blocking = (name === "XREAD" || name === "XREADGROUP") && args.some((a) => a.toUpperCase() === "BLOCK");
    if (REFUSED.has(name) || blocking) return { error: `ERR Command is not available: '${args[0]}'` };
    const sub = args[1]?.toUpperCase();
    if ((name === "EVAL" || name === "EVAL_RO") && args[1] !== undefined) args[1] = loadScript(args[1]);
    else if ((name === "EVALSHA" || name === "EVALSHA_RO") && args[1] !== undefined) args[1] = mapSha(args[1]);
    else if (name === "SCRIPT" && sub === "EXISTS") for (let i = 2; i < args.length; i++) args[i] = mapSha(args[i]!);
    else if (name === "SCRIPT" && sub === "LOAD" && args[2] !== undefined) {
      const original = args[2];
      args[2] = loadScript(original);
      return { args, answer: Buffer.from(sha1(original)) };
    }
    return { args };
  }

  /** Redis errors become `{ error }`; anything else (connection down) propagates. */
  const settle = (outcome: PromiseSettledResult<unknown>, base64: boolean, answer?: Buffer): Reply => {
    if (outcome.status === "fulfilled") return { result: toJson(answer ?? outcome.value, base64) };
    if (outcome.reason instanceof ErrorReply) return { error: outcome.reason.message };
    throw outcome.reason;
  };

  async function pipeline(commands: readonly Command[], base64: boolean): Promise<Reply[]> {
    const prepared = commands.map(prepare);
    const outcomes = await Promise.allSettled(
      prepared.map((p) => (p.error !== undefined ? Promise.reject(new ErrorReply(p.error)) : client.sendCommand(p.args))),
    );
    return outcomes.map((outcome, i) => settle(outcome, base64, prepared[i]!.answer));
  }

  /**
   * MULTI…EXEC sent back to back under one chain id, so nothing else on the shared connection
   * lands inside the transaction. (node-redis's own multi() decodes EXEC without our type
   * mapping, which would lose raw bytes.)
   */
  async function multiExec(commands: readonly Command[], base64: boolean): Promise<Reply[] | { error: string }> {
    const prepared = commands.map(prepare);
    const refused = prepared.find((p) => p.error !== undefined);
    if (refused?.error !== undefined) return { error: refused.error };
    const chainId = Symbol("multi-exec");
    const send = (args: string[]) => client.sendCommand(args, { chainId });
    const queued = [["MULTI"], ...prepared.map((p) => p.args!), ["EXEC"]].map(send);
    const outcomes = await Promise.allSettled(queued);
    // A command refused while queueing (wrong arity…) aborts the whole transaction.
    const queueError = outcomes.slice(1, -1).find((o) => o.status === "rejected");
    const exec = outcomes.at(-1)!;
    if (exec.status === "rejected" || queueError) {
      const reason = (queueError as PromiseRejectedResult | undefined)?.reason ?? (exec as PromiseRejectedResult).reason;
      if (reason instanceof ErrorReply) return { error: reason.message };
      throw reason;
    }
    const replies: unknown = exec.value;
    // Null would mean a WATCH fired; WATCH is refused, but never answer with a non-array.
    if (!Array.isArray(replies)) return { error: "EXECABORT Transaction discarded" };
    return replies.map((reply, i) =>
      reply instanceof ErrorReply ? { error: reply.message } : { result: toJson(prepared[i]!.answer ?? reply, base64) },
    );
  }

  return {
    pipeline,
    multiExec,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
