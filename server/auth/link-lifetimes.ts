/** How long the links identity mails stay good: read by the verbs that store them and the mail that states it. */
export const RESET_TTL_MINUTES = 60;
export const VERIFY_TTL_HOURS = 24;
