/** Runs once when the server starts: refuse to serve with a configuration that cannot work. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await (await import("./server/startup")).onServerStart();
  }
}
