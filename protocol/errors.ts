/**
 * The typed errors of arcgis-auth-shell (docs/protocol.md "Errors"): one class and one stable
 * `code` per kind, shared by the shell and the SDK (how one crosses a port: `wireError.ts`),
 * exported from here. Messages never contain a token. Names are set explicitly: minifiers rename
 * classes. The base class and the errors of a first load are in `authShellError.ts`.
 */
import { AuthShellError } from "./authShellError.ts";

export {
  type AuthErrorCode,
  AuthShellError,
  InvalidOptionsError,
  ShellUnavailableError,
} from "./authShellError.ts";

/** `window.open` returned null: the browser blocked the sign-in popup (call `signIn()` from a click). */
export class PopupBlockedError extends AuthShellError<"popup-blocked"> {
  constructor(message = "The sign-in popup was blocked.") {
    super("popup-blocked", message, "PopupBlockedError");
  }
}

/** The user closed the sign-in popup before it answered. */
export class PopupClosedError extends AuthShellError<"popup-closed"> {
  constructor(message = "The sign-in popup was closed.") {
    super("popup-closed", message, "PopupClosedError");
  }
}

/** The user pressed Cancel on the portal's sign-in page (`error=access_denied`). */
export class AccessDeniedError extends AuthShellError<"access-denied"> {
  constructor(message = "The user cancelled sign-in.") {
    super("access-denied", message, "AccessDeniedError");
  }
}

/** No answer reached the shell within `signInTimeoutMs`. */
export class SignInTimeoutError extends AuthShellError<"sign-in-timeout"> {
  constructor(message = "Sign-in timed out.") {
    super("sign-in-timeout", message, "SignInTimeoutError");
  }
}

/** The portal answered the sign-in with an error other than Cancel (`Invalid_Signin`, `invalid_response`, …). */
export class SignInError extends AuthShellError<"sign-in-failed"> {
  constructor(message = "Sign-in failed.") {
    super("sign-in-failed", message, "SignInError");
  }
}

/** The answer carried a `state` that no pending sign-in of this shell owns (forged, replayed or stale). */
export class StateMismatchError extends AuthShellError<"state-mismatch"> {
  constructor(message = "Unknown sign-in state.") {
    super("state-mismatch", message, "StateMismatchError");
  }
}

/** A token was asked for a server that is neither the portal nor federated with it. */
export class UntrustedServerError extends AuthShellError<"untrusted-server"> {
  constructor(message = "Untrusted server.") {
    super("untrusted-server", message, "UntrustedServerError");
  }
}

/** A call to the shell with arguments it does not accept (a bug in the caller, or a forged call). */
export class InvalidRequestError extends AuthShellError<"invalid-request"> {
  constructor(message = "Malformed request.") {
    super("invalid-request", message, "InvalidRequestError");
  }
}

/** The portal refused a request; `arcgisCode` and `messageCode` are ArcGIS's own. */
export class PortalError extends AuthShellError<"portal-error"> {
  constructor(
    message = "The portal refused the request.",
    readonly arcgisCode?: number,
    readonly messageCode?: string,
  ) {
    super("portal-error", message, "PortalError");
  }
}
