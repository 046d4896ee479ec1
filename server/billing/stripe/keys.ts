/** The lookup keys the sync command gives our prices: how every process finds them again. Pure (no env), for scripts. */
export const priceLookupKey = (planId: string) => `agentry_${planId}_monthly`;
export const METERED_PRICE_LOOKUP_KEY = "agentry_tokens_metered";
/** The billing meter's event name: one meter event per run, its value the run's tokens. */
export const METER_EVENT_NAME = "agentry_tokens";
