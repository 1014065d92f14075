/**
 * The typed errors of arcgis-auth-shell (docs/protocol.md "Errors"): one class and one stable
 * `code` per kind, shared by the shell and the SDK, and how an error crosses a port so that it
 * arrives in a micro-app as the same class. Messages never contain a token. Names are set
 * explicitly: minifiers rename classes.
 */
import { scrubSecrets } from "./secrets.ts";

/** Stable codes, one per error class. */
export type AuthErrorCode =
  | "popup-blocked"
  | "popup-closed"
  | "access-denied"
  | "sign-in-timeout"
  | "sign-in-failed"
  | "state-mismatch"
  | "untrusted-server"
  | "shell-unavailable"
  | "portal-error"
  | "invalid-request"
  | "invalid-options";

/** Base class of every error this library raises; `code` is stable across versions. */
export class AuthShellError<Code extends AuthErrorCode = AuthErrorCode> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    name = "AuthShellError",
  ) {
    super(message);
    this.name = name;
  }
}

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

/** SDK side: the shell did not answer in time, or went away. */
export class ShellUnavailableError extends AuthShellError<"shell-unavailable"> {
  constructor(message = "The auth shell did not answer.") {
    super("shell-unavailable", message, "ShellUnavailableError");
  }
}

/** A call to the shell with arguments it does not accept (a bug in the caller, or a forged call). */
export class InvalidRequestError extends AuthShellError<"invalid-request"> {
  constructor(message = "Malformed request.") {
    super("invalid-request", message, "InvalidRequestError");
  }
}

/**
 * `createAuthShell` (or a helper such as `embeddedAppUrl`) was given an option it cannot use;
 * thrown in the host page before anything opens or listens, never sent to an app.
 */
export class InvalidOptionsError extends AuthShellError<"invalid-options"> {
  constructor(message: string) {
    super("invalid-options", message, "InvalidOptionsError");
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

/** The kinds that may reach an app, rebuilt by `fromWireError` from their `code` alone. */
const SENT_KINDS = [
  PopupBlockedError,
  PopupClosedError,
  AccessDeniedError,
  SignInTimeoutError,
  SignInError,
  StateMismatchError,
  UntrustedServerError,
  ShellUnavailableError,
  InvalidRequestError,
];

/**
 * How an error crosses a `MessagePort` (Comlink would keep only `name` and `message`): ours by
 * `code`; any other error by its `name` and a scrubbed message (`code` absent).
 */
export interface WireError {
  name: string;
  code?: AuthErrorCode | undefined;
  message: string;
  arcgisCode?: number | undefined;
  messageCode?: string | undefined;
}

/** A name of at most 64 word characters; anything else is just "Error". */
const ERROR_NAME = /^\w{1,64}$/;

/**
 * The error for a wire error. Ours: the class of its `code`, with the kind's fixed message
 * whatever text came along. Any other: a plain `Error` that keeps its `name` and gets a scrubbed
 * message (no token, code, verifier or refresh token).
 */
export function fromWireError(wire: WireError): Error {
  if (wire.code === "portal-error") return new PortalError(undefined, wire.arcgisCode, wire.messageCode);
  for (const Kind of SENT_KINDS) {
    const error = new Kind();
    if (error.code === wire.code) return error;
  }
  const error = new Error(scrubSecrets(String(wire.message)));
  error.name = ERROR_NAME.test(wire.name) ? wire.name : "Error";
  return error;
}

/**
 * The wire form of anything thrown: its kind, the kind's fixed message and ArcGIS's codes, nothing
 * else (no text a portal or server wrote, no stack); an error that is not ours keeps its name and
 * a scrubbed message, and a thrown value that is not an `Error` is an `Error` without a message.
 */
export function toWireError(thrown: unknown): WireError {
  const error = thrown instanceof Error ? thrown : new Error();
  const { name, code, message, arcgisCode, messageCode } = fromWireError(
    error instanceof AuthShellError ? error : { name: error.name, message: error.message },
  ) as PortalError;
  return { name, code, message, arcgisCode, messageCode };
}
