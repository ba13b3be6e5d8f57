/** A fal key (`key_id:key_secret`), or a function returning one (called per request, so it may rotate). */
export type Credentials = string | (() => string | Promise<string>);
/**
 * The key to send: the given credentials, else `FAL_KEY`, else `FAL_KEY_ID` and `FAL_KEY_SECRET`
 * joined by ":". A promise only when the credentials are a function that returns one: a fixed key
 * costs no promise per request.
 */
export declare function resolveCredentials(credentials: Credentials | undefined): string | Promise<string>;
//# sourceMappingURL=credentials.d.ts.map