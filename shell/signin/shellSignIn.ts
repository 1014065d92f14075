/**
 * The shell's token endpoint and sign-in flow, assembled where their code loads (on first use),
 * so that the assembly costs a first load nothing.
 */
import type { ShellHost } from "../host.ts";
import type { Lazy } from "../lazy.ts";
import type { ResolvedOptions } from "../options.ts";
import type { TokenDiscard } from "../session/discard.ts";
import type { SessionEpoch } from "../session/epoch.ts";
import type { CallbackInbox } from "./callbackInbox.ts";
import { createSignInFlow, type SignInFlow } from "./SignInFlow.ts";
import { createTokenEndpoint, type TokenEndpoint } from "./tokenEndpoint.ts";

/** The portal's token endpoint, over the host's fetch and clock. */
export function shellTokenEndpoint(opts: ResolvedOptions, host: ShellHost): TokenEndpoint {
  return createTokenEndpoint({ ...opts, fetch: host.fetch, now: host.now });
}

/** What the shell's sign-in flow is built from. */
export interface ShellSignInFlowDeps {
  opts: ResolvedOptions;
  host: ShellHost;
  endpoint: Lazy<TokenEndpoint>;
  epoch: SessionEpoch;
  discard: Pick<TokenDiscard, "revokeSession">;
  inbox: CallbackInbox;
}

/** The sign-in flow over the shell's callback inbox; answers of an ended epoch are discarded. */
export async function shellSignInFlow(deps: ShellSignInFlowDeps): Promise<SignInFlow> {
  const { opts, host, epoch, discard, inbox } = deps;
  const tokens = await deps.endpoint.get();
  return createSignInFlow(opts, host, tokens, { epoch, discard: discard.revokeSession }, inbox);
}
