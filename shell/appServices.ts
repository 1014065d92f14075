/**
 * The app services: how micro-apps reach the shell's tokens (README "API", docs/protocol.md §2–§5)
 * — private channels for same-window apps, the iframe handshake, and ArcGIS's embedded-app protocol.
 * Everything they ask goes to the token service; every wait runs under the shell's lifetime.
 */
import type { Emitter } from "nanoevents";
import type { SessionInfo } from "../protocol/appChannel.ts";
import { ShellUnavailableError } from "../protocol/errors.ts";
import { createAppChannels } from "./channels/appChannels.ts";
import { listenForFrames } from "./channels/frameHandshake.ts";
import { listenForEmbeddedApps } from "./embedded/embeddedHost.ts";
import { portalAccepts } from "./embedded/tokenCheck.ts";
import { createLookupBudget } from "./federation/lookupBudget.ts";
import type { ShellHost } from "./host.ts";
import type { Lifetime } from "./lifetime.ts";
import type { ResolvedOptions } from "./options.ts";
import type { SessionService } from "./session/sessionService.ts";
import type { TokenService } from "./tokens/tokenService.ts";
import type { ShellEvents } from "./types.ts";

/** What the app services are built from. */
export interface AppServicesDeps {
  opts: Pick<ResolvedOptions, "portal" | "childOrigins">;
  host: ShellHost;
  events: Emitter<ShellEvents>;
  life: Pick<Lifetime, "guard">;
  session: Pick<SessionService, "usable" | "credential">;
  tokens: Pick<TokenService, "grants" | "portalGrant">;
}

/** The app-facing side of one shell. */
export interface AppServices {
  /** Serves `appName` on `ports` (`port1` is the app's end). */
  serve(appName: string, ports: MessageChannel): void;
  destroy(): void;
}

/** Listens for frames (iframe handshake, embedded apps) from the child origins; returns the stop functions. */
function listenForChildren(
  deps: AppServicesDeps,
  openChannel: (name: string) => MessagePort,
): (() => void)[] {
  const { opts, host, life, session, tokens } = deps;
  if (opts.childOrigins.length === 0 || !host.page) return [];
  const page = host.page;
  /** The session's credential once `work` (a wait for a usable session) is done. */
  const credentialAfter = async (work: () => Promise<unknown>) => {
    await life.guard(work);
    const credential = session.credential();
    if (!credential) throw new ShellUnavailableError("The session ended before the credential was sent.");
    return credential;
  };
  return [
    listenForFrames({ childOrigins: opts.childOrigins, page, openChannel }),
    listenForEmbeddedApps({
      childOrigins: opts.childOrigins,
      page,
      now: host.now,
      currentToken: () => session.usable()?.token ?? null,
      credential: () => session.credential() ?? credentialAfter(() => tokens.portalGrant()),
      // Checked first: a frame also asks again when its page reloads, with nothing wrong.
      reportFailed: async (token) =>
        credentialAfter(async () =>
          (await portalAccepts(host.fetch, opts.portal, token))
            ? tokens.portalGrant()
            : tokens.grants.afterFailure({ token }),
        ),
    }),
  ];
}

/** Creates the app services: channels on demand, frame listeners when child origins are allowed. */
export function createAppServices(deps: AppServicesDeps): AppServices {
  const { life, session } = deps;
  const grants = deps.tokens.grants;
  const sessionInfo = (): SessionInfo | null => {
    const current = session.usable();
    return (
      current && {
        username: current.username,
        expires: current.expires,
        portal: current.portal,
        ssl: current.ssl,
      }
    );
  };
  const channels = createAppChannels({
    portal: deps.opts.portal,
    sessionInfo,
    grantFor: (url, wait, mayLookUp) => life.guard(() => grants.grantFor(url, wait, mayLookUp)),
    reportAuthError: (report, mayLookUp) => life.guard(() => grants.afterFailure(report, mayLookUp)),
    lookupBudget: () => createLookupBudget(deps.host.now),
  });
  const unsubscribe = (["signed-in", "refreshed", "signed-out", "expired"] as const).map((name) =>
    deps.events.on(name, () => channels.notifySession(sessionInfo())),
  );
  const stopListening = listenForChildren(deps, (name) => channels.open(name));

  return {
    serve(appName, ports) {
      channels.open(appName, ports);
    },
    destroy() {
      for (const stop of [...unsubscribe, ...stopListening]) stop();
      channels.closeAll();
    },
  };
}
