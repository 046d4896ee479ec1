import { RISK_LEVELS, type RiskLevelValue } from "@/db/schema";

/** Risk levels in order, so "the worse of two" is a comparison of ranks. */
export const rankOf = (level: RiskLevelValue) => RISK_LEVELS.indexOf(level);

export const worse = <L extends RiskLevelValue>(a: L, b: L): L => (rankOf(a) >= rankOf(b) ? a : b);
