import { createServer } from "node:net";

/**
 * A free loopback port for a test's own SMTP listener, with SMTP_URL (and the APP_URL that
 * sending mail requires) pointed at it. Call from `vi.hoisted`: the environment is read once at
 * import, so it must be set before any module loads.
 */
export async function pointSmtpAtFreeLoopbackPort(): Promise<number> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.APP_URL = "http://localhost:3000";
  return port;
}
