/**
 * The token service, loaded on first use (`sessionTokens.ts` assembles it over the session and
 * the recovery).
 */
import { type Lazy, lazy, loadLater } from "../lazy.ts";
import type { SessionTokenDeps } from "./sessionTokens.ts";
import type { TokenService } from "./tokenService.ts";

/** The token service, made on first use. */
export function lazyTokens(deps: SessionTokenDeps): Lazy<TokenService> {
  return lazy(async () => (await loadLater()).createSessionTokenService(deps));
}
