/**
 * The typed errors of the shell (README "API"). The classes are the ones `sdk/errors.ts` defines, so
 * an error raised here is the same class with the same stable `code` in a micro-app (and in the
 * shell's federation and channel parts). This module adds what only the shell raises and the
 * shell's wording for a few cases. Messages never contain a token.
 */
import { AuthShellError, PopupClosedError, PortalError, SignInError } from "../sdk/errors.ts";

export {
  AccessDeniedError,
  type AuthErrorCode,
  AuthShellError,
  PopupBlockedError,
  PopupClosedError,
  PortalError,
  ShellUnavailableError,
  SignInError,
  SignInTimeoutError,
  StateMismatchError,
  UntrustedServerError,
} from "../sdk/errors.ts";

/**
 * `createAuthShell` (or a helper such as `embeddedAppUrl`) was given an option it cannot use (code
 * `invalid-options`); thrown before anything opens or listens.
 */
export class InvalidOptionsError extends AuthShellError {
  constructor(message: string) {
    super("invalid-options", message);
    this.name = "InvalidOptionsError";
  }
}

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

/** A `PortalError` with ArcGIS's `code` / `messageCode` when the portal sent them. */
export function portalError(message: string, details: { arcgisCode?: number; messageCode?: string } = {}) {
  return new PortalError(message, details.arcgisCode, details.messageCode);
}
