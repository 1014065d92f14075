/** arcgis-auth-shell/sdk: what a micro-app uses to get tokens from the shell (README "API"). */

export type { SessionInfo } from "../protocol/appChannel.ts";
export {
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
} from "../protocol/errors.ts";
export type { AuthClient, RestAuthentication } from "./client.ts";
export { connectAuth } from "./connectAuth.ts";
export { connectPort, type ParentSource } from "./connectPort.ts";
