/** Runs once when the server starts: refuse to serve with a configuration that cannot work. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertRuntimeConfig } = await import("./server/runtime-config");
  const { logger } = await import("./server/obs/logger");
  try {
    assertRuntimeConfig();
  } catch (error) {
    logger.fatal({ err: { message: (error as Error).message } }, "configuration invalid");
    console.error((error as Error).message);
    process.exit(1);
  }
}
