/**
 * The bounds of one run. A run is meant to finish in well under a minute; these keep a runaway
 * agent (a model that keeps calling tools, a huge prompt) from holding resources for long.
 */

/** A prompt larger than this is refused with 413 before anything is written. */
export const MAX_INPUT_BYTES = 32 * 1024;

/** Model turns that may end in tool calls; the turn after the last one is given no tools, so it must answer. */
export const MAX_TOOL_ITERATIONS = 4;

/** Earlier turns of the same conversation replayed to the model (newest kept). */
export const HISTORY_TURNS = 10;

/**
 * A run still `running` after this long was orphaned by a process that died (a model call is
 * capped at two minutes, tools at seconds): the sweeper marks it failed.
 */
export const STALE_RUN_MS = 10 * 60_000;

/** Longest a single tool call may take. */
export const TOOL_TIMEOUT_MS = 15_000;

/** How much of a tool's output is kept in its step (the model gets it whole). */
export const STEP_OUTPUT_CHARS = 2_000;
