/**
 * Which server roots are federated with the portal: asked once per root at its `rest/info`
 * (`owningSystemUrl`, judged by the pure `isOwnedByPortal`), remembered for the shell's life.
 * Trust is about the server, not the user: verdicts survive a change of user. Only answered
 * lookups are stored, so a network failure can be retried. Apps name the roots: the memory is
 * bounded.
 */
import { UntrustedServerError } from "../../protocol/errors.ts";
import type { PortalLocation } from "./classifyUrl.ts";
import type { LookupBudget } from "./lookupBudget.ts";
import { isOwnedByPortal } from "./owningSystem.ts";
import { envelopeError, type Form, type JsonObject } from "./portalRequest.ts";

/** Server roots whose verdict is remembered; the least recently used goes first. */
export const MAX_SERVER_ROOTS = 256;

// One fixed message: neither the URL (its path or query may carry a token) nor why.
export const untrusted = () => new UntrustedServerError();

/**
 * Whether the server at `root` is federated with the portal. `mayLookUp` is asked only when a
 * request to the server would start (not for a known or pending root).
 */
export type IsFederated = (root: string, mayLookUp?: LookupBudget) => Promise<boolean>;

/**
 * Creates the verdict cache for the portal at `portal` (null: no server is federated); `post`
 * sends a form through the shell's network edge (`portalRequest.ts`).
 */
export function createServerTrust(
  portal: PortalLocation | null,
  post: (url: string, form: Form) => Promise<JsonObject>,
): IsFederated {
  // The verdicts and the lookups under way, one promise per root; a failed lookup is dropped.
  // Least recently used first (a Map iterates in insertion order): a use moves a root to the end.
  const verdicts = new Map<string, Promise<boolean>>();
  const use = (root: string, verdict: Promise<boolean>) => {
    verdicts.delete(root);
    verdicts.set(root, verdict);
    if (verdicts.size > MAX_SERVER_ROOTS) verdicts.delete(verdicts.keys().next().value as string);
    return verdict;
  };

  // No token goes to rest/info: the server is not known to be trusted yet. Whatever goes wrong
  // there, the caller learns only that the server is not trusted: the status or page of a server
  // an app named is none of the app's business (the shell is no probe). Failures are not stored.
  async function askOwner(root: string): Promise<boolean> {
    const form = { f: "json" };
    const info = await post(`${root}/rest/info`, form).catch(() => null);
    if (info === null || envelopeError(info, form)) throw untrusted();
    return portal !== null && isOwnedByPortal(info.owningSystemUrl, portal);
  }

  return (root, mayLookUp) => {
    const known = verdicts.get(root);
    if (known) return use(root, known);
    if (mayLookUp && !mayLookUp()) return Promise.reject(untrusted());
    const lookup = askOwner(root);
    lookup.catch(() => {
      if (verdicts.get(root) === lookup) verdicts.delete(root);
    });
    return use(root, lookup);
  };
}
