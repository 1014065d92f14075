/** Public entry of the shell (`arcgis-auth-shell/shell`). */

export {
  AccessDeniedError,
  type AuthErrorCode,
  AuthShellError,
  InvalidOptionsError,
  PopupBlockedError,
  PopupClosedError,
  PortalError,
  ShellUnavailableError,
  SignInError,
  SignInTimeoutError,
  StateMismatchError,
  UntrustedServerError,
} from "../protocol/errors.ts";
export {
  type AuthErrorReport,
  type AuthShell,
  createAuthShell,
  type SignInOptions,
} from "./createAuthShell.ts";
export { type EmbeddedAppUrlOptions, embeddedAppUrl } from "./embedded/appUrl.ts";
export type { AuthShellOptions, PromptFunction } from "./options.ts";
export type { IgnoredCounts } from "./signin/SignInFlow.ts";
export type {
  ArcGISCredential,
  AuthRequiredReason,
  Session,
  ShellEvents,
  SignedOutReason,
} from "./types.ts";
