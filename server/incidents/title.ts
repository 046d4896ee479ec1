/**
 * An incident's title is stored as a key, `<detector>.<type>` (e.g. `pii.credit_card`), and drawn
 * in the reader's language from the catalogues (the guard's messages/<locale>/guard.json names the
 * types; incidents.json names the detectors), so a title written in English never reaches a
 * Chinese reader.
 */
export const incidentTitleKey = (detector: string, findingType: string) => `${detector}.${findingType}`;
