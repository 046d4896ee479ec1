import { logger } from "./obs/logger";
import { assertRuntimeConfig } from "./runtime-config";

/** Node server start: a configuration that cannot work stops the process with the reason. */
export async function onServerStart() {
  try {
    assertRuntimeConfig();
  } catch (error) {
    const message = (error as Error).message;
    logger.fatal({ reason: message }, "configuration invalid");
    process.exit(1);
  }
}
