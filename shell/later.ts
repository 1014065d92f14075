/**
 * Everything the shell loads on first use, behind one dynamic `import()`: one chunk for an app's
 * bundler to split off, instead of one per part with the modules they share split off again.
 */
export { createAppServices } from "./appServices.ts";
export { createRecovery } from "./recovery/recovery.ts";
export { createRefresher } from "./session/refresh.ts";
export { createSignInFlow } from "./signin/SignInFlow.ts";
export { createTokenEndpoint } from "./signin/tokenEndpoint.ts";
export { createTokenService } from "./tokens/tokenService.ts";
