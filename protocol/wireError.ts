/**
 * How an error crosses a `MessagePort` so that it arrives in a micro-app as the same class
 * (docs/protocol.md "Errors"). Apart from `errors.ts` so that a shell's first load, which only
 * throws, does not carry it (shell/README.md "Size").
 */
import {
  AccessDeniedError,
  type AuthErrorCode,
  AuthShellError,
  InvalidRequestError,
  PopupBlockedError,
  PopupClosedError,
  PortalError,
  ShellUnavailableError,
  SignInError,
  SignInTimeoutError,
  StateMismatchError,
  UntrustedServerError,
} from "./errors.ts";
import { scrubSecrets } from "./secrets.ts";

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
