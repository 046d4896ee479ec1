/** The header every authenticated bench request carries. */
export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
