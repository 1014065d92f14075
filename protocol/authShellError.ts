/**
 * The base of the typed errors (docs/protocol.md "Errors") and the two a shell can raise before
 * any first use: bad options, and a shell that is gone or could not load. `errors.ts` exports
 * every error; the others live there, apart, so that a host's first load carries only these.
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

/** SDK side: the shell did not answer in time, or went away. */
export class ShellUnavailableError extends AuthShellError<"shell-unavailable"> {
  constructor(message = "The auth shell did not answer.") {
    super("shell-unavailable", message, "ShellUnavailableError");
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
