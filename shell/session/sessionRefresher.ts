/**
 * The session service's refresher, assembled where its code loads (with the first refresh): the
 * session service hands over its parts and the assembly costs the first load nothing.
 */
import { createRefresher, type Refresher } from "./refresh.ts";
import type { SessionRefresherParts, SessionServiceDeps } from "./sessionService.ts";

/** The refresher over the session service's holder and store; it announces what it adopts. */
export async function createSessionRefresher(
  deps: Pick<SessionServiceDeps, "host" | "life" | "epoch" | "endpoint" | "discard">,
  parts: SessionRefresherParts,
): Promise<Refresher> {
  const { host, life, epoch } = deps;
  const { holder, store, adopt } = parts;
  return createRefresher({
    current: () => holder.record,
    stored: () => store.read(),
    tokens: await deps.endpoint(),
    locks: host.locks,
    lockName: parts.lockName,
    now: host.now,
    publish: ({ record, adopted }) => {
      if (!life.over) adopt("refreshed", record, !adopted);
    },
    epoch,
    discard: deps.discard.revokeSession,
  });
}
