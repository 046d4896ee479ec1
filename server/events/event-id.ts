import { monotonicFactory } from "ulid";

/**
 * Event ids are ULIDs: time-ordered (a page of events sorts by id), unique across processes,
 * and monotonic within one, so events appended in the same millisecond keep their order.
 */
export const newEventId: () => string = monotonicFactory();
