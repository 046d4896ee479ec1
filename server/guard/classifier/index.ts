/**
 * STUB owned by guardml (CONTRACTS.md): replaced by the trained classifier and its weights.
 * Until then the injection detector relies on its rules alone; keep this exact signature.
 */

export const CLASSIFIER_INFO: { version: string; trainedOn: string[] } = { version: "stub-0", trainedOn: [] };

/** Probability (0..1) that the normalised text is a prompt injection or jailbreak. */
export function injectionScore(text: string): number {
  void text;
  return 0;
}
