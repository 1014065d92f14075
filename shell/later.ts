/**
 * Everything the shell loads on first use, behind one dynamic `import()`: one chunk for an app's
 * bundler to split off, instead of one per part with the modules they share split off again.
 */

export { parseCallbackMessage } from "../protocol/callbackMessage.schema.ts";
export { createAppServices } from "./appServices.ts";
export { createRecovery } from "./recovery/recovery.ts";
export { createSessionRefresher } from "./session/refresh.ts";
export { createSignInFlow as shellSignInFlow } from "./signin/SignInFlow.ts";
export { shellTokenEndpoint } from "./signin/tokenEndpoint.ts";
export { createSessionTokenService } from "./tokens/tokenService.ts";
