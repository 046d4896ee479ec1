import pino from "pino";
import { env } from "../env";

/**
 * Structured JSON logs on stdout. Anything that could carry a secret is redacted by path, and
 * callers log ids and shapes, never bodies.
 */
export const loggerOptions: pino.LoggerOptions = {
  level: env.LOG_LEVEL,
  base: { service: "agentry" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "password",
      "*.password",
      "*.newPassword",
      "secret",
      "*.secret",
      "token",
      "*.token",
      "authorization",
      "*.authorization",
      "headers.cookie",
      "*.headers.cookie",
      "headers.authorization",
      "*.headers.authorization",
    ],
    censor: "[redacted]",
  },
  formatters: { level: (label) => ({ level: label }) },
};

export const logger = pino(loggerOptions);

export type Logger = typeof logger;
