/**
 * The shell's wording for a few of the typed errors of protocol/errors.ts (the classes and their
 * codes live there). Messages never contain a token.
 */
import { PopupClosedError, SignInError } from "../protocol/errors.ts";

/** The `SignInError` for an OAuth `error` answer other than `access_denied`. */
export function signInFailed(error: string, description = ""): SignInError {
  return new SignInError(`Sign-in failed: ${error}${description ? ` (${description})` : ""}`);
}

/**
 * The `PopupClosedError` for a popup that went away: closed by the user, or severed from this page
 * by Cross-Origin-Opener-Policy with no other path for the answer.
 */
export function popupGone(why: "closed" | "severed"): PopupClosedError {
  return why === "closed"
    ? new PopupClosedError()
    : new PopupClosedError(
        "The sign-in popup cannot reach this page: its opener was severed (Cross-Origin-Opener-Policy).",
      );
}
