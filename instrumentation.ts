/** Runs once when the server starts: refuse to serve with a configuration that cannot work. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so every request after start-up carries its socket address (server/http/peer-address.ts).
    await (await import("./server/http/peer-address")).installPeerAddressStamp();
    await (await import("./server/startup")).onServerStart();
  }
}
