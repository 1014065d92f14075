/**
 * Scrubbing of text that may leave the shell without being ours (docs/protocol.md "Errors"): the
 * message of an error that is not one of the typed errors. Zod-free and tiny: the SDK uses it too.
 */

/**
 * A run of 16 or more of the characters tokens, authorization codes, PKCE verifiers and refresh
 * tokens are made of (base64url, dots, `+`, `/`, `=`, `~`): every such secret is at least that
 * long, and such a run in an error message is far more likely a secret than a word.
 */
const SECRET_LIKE = /[\w.~+/=-]{16,}/g;

/** `text` with everything that may be a secret replaced by `…`, cut to 300 characters. */
export const scrubSecrets = (text: string): string => text.replace(SECRET_LIKE, "…").slice(0, 300);
