/**
 * The typed errors of arcgis-auth-shell (README "API"), shared by the shell and the SDK so that an
 * error raised in the shell arrives in a micro-app as the same class with the same `code`.
 * Messages never contain a token. Names are set explicitly: minifiers rename classes.
 */

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
export class AuthShellError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AuthShellError";
  }
}

/** The constructor of one typed error (declared, so declarations do not inline `Error`'s statics). */
export interface AuthShellErrorClass {
  new (message?: string): AuthShellError;
  readonly prototype: AuthShellError;
}
const byCode = new Map<string, AuthShellErrorClass>();

function errorClass(code: AuthErrorCode, name: string, fallback: string): AuthShellErrorClass {
  const Class = class extends AuthShellError {
    constructor(message = fallback) {
      super(code, message);
      this.name = name;
    }
  };
  byCode.set(code, Class);
  return Class;
}

/** `window.open` returned null: the browser blocked the sign-in popup (call `signIn()` from a click). */
export const PopupBlockedError = errorClass(
  "popup-blocked",
  "PopupBlockedError",
  "The sign-in popup was blocked.",
);
export type PopupBlockedError = InstanceType<typeof PopupBlockedError>;

/** The user closed the sign-in popup before it answered. */
export const PopupClosedError = errorClass(
  "popup-closed",
  "PopupClosedError",
  "The sign-in popup was closed.",
);
export type PopupClosedError = InstanceType<typeof PopupClosedError>;

/** The user pressed Cancel on the portal's sign-in page (`error=access_denied`). */
export const AccessDeniedError = errorClass(
  "access-denied",
  "AccessDeniedError",
  "The user cancelled sign-in.",
);
export type AccessDeniedError = InstanceType<typeof AccessDeniedError>;

/** No answer reached the shell within `signInTimeoutMs`. */
export const SignInTimeoutError = errorClass("sign-in-timeout", "SignInTimeoutError", "Sign-in timed out.");
export type SignInTimeoutError = InstanceType<typeof SignInTimeoutError>;

/** The portal answered the sign-in with an error other than Cancel (`Invalid_Signin`, `invalid_response`, …). */
export const SignInError = errorClass("sign-in-failed", "SignInError", "Sign-in failed.");
export type SignInError = InstanceType<typeof SignInError>;

/** The answer carried a `state` that no pending sign-in of this shell owns (forged, replayed or stale). */
export const StateMismatchError = errorClass(
  "state-mismatch",
  "StateMismatchError",
  "Unknown sign-in state.",
);
export type StateMismatchError = InstanceType<typeof StateMismatchError>;

/** A token was asked for a server that is neither the portal nor federated with it. */
export const UntrustedServerError = errorClass(
  "untrusted-server",
  "UntrustedServerError",
  "Untrusted server.",
);
export type UntrustedServerError = InstanceType<typeof UntrustedServerError>;

/** SDK side: the shell did not answer in time, or went away. */
export const ShellUnavailableError = errorClass(
  "shell-unavailable",
  "ShellUnavailableError",
  "The auth shell did not answer.",
);
export type ShellUnavailableError = InstanceType<typeof ShellUnavailableError>;

/** A call to the shell with arguments it does not accept (a bug in the caller, or a forged call). */
export const InvalidRequestError = errorClass("invalid-request", "InvalidRequestError", "Malformed request.");
export type InvalidRequestError = InstanceType<typeof InvalidRequestError>;

/** The portal refused a request; `arcgisCode` and `messageCode` are ArcGIS's own. */
export class PortalError extends AuthShellError {
  constructor(
    message = "The portal refused the request.",
    readonly arcgisCode?: number,
    readonly messageCode?: string,
  ) {
    super("portal-error", message);
    this.name = "PortalError";
  }
}

/** How an error crosses a `MessagePort` (Comlink would keep only `name` and `message`). */
export interface WireError {
  code: AuthErrorCode;
  message: string;
  arcgisCode?: number | undefined;
  messageCode?: string | undefined;
}

/**
 * The wire form of an error: its kind, the kind's fixed message and ArcGIS's codes, nothing else
 * (no text a portal or server wrote, no stack). An error that is not ours becomes a `SignInError`.
 */
export function toWireError(error: unknown): WireError {
  const sent = (
    error instanceof AuthShellError ? fromWireError(error as PortalError) : new SignInError()
  ) as PortalError;
  const { code, message, arcgisCode, messageCode } = sent;
  return { code, message, arcgisCode, messageCode };
}

/**
 * The typed error for a wire error, with its kind's fixed message whatever text came along; an
 * unknown code becomes a `SignInError`.
 */
export function fromWireError(wire: Omit<WireError, "message">): AuthShellError {
  if (wire.code === "portal-error") return new PortalError(undefined, wire.arcgisCode, wire.messageCode);
  return new (byCode.get(wire.code) ?? SignInError)();
}
