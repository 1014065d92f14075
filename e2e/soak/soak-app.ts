/**
 * One soak micro-app (scripts/soak.ts): sends requests through its `AuthClient` at a steady pace
 * until told to stop, and records how each one ended. Every request carries a `soakId` query
 * parameter so the script can count how often the browser really sent it.
 */
import type { AuthClient } from "../../sdk/index.ts";

export const TREES_QUERY =
  "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query?where=1%3D1&outFields=*&f=json";
export const PORTAL_SELF = "http://localhost:4100/sharing/rest/community/self?f=json";

/** How a request ended: `ok`, `http <status>`, `arcgis <code>`, `error <code> <message>`, or `pending`. */
export type Records = Record<string, string>;

async function describe(response: Response): Promise<string> {
  if (!response.ok) return `http ${response.status}`;
  const body = (await response.json()) as { error?: { code?: number } };
  return body.error ? `arcgis ${body.error.code}` : "ok";
}

/** Runs `name`'s request loop for `durationMs`, `perSecond` requests a second; resolves when all ended. */
export function runSoakApp(client: AuthClient, name: string, durationMs: number, perSecond: number) {
  const records: Records = {};
  const inFlight = new Set<Promise<void>>();
  const until = Date.now() + durationMs;
  let n = 0;
  const done = (async () => {
    while (Date.now() < until) {
      const id = `${name}-${n}`;
      const url = `${n % 2 === 0 ? TREES_QUERY : PORTAL_SELF}&soakId=${id}`;
      n++;
      records[id] = "pending";
      const request: Promise<void> = client
        .fetch(url)
        .then(describe)
        .then(
          (outcome) => {
            records[id] = outcome;
          },
          (error: { code?: string; message?: string }) => {
            records[id] = `error ${error?.code ?? "untyped"} ${error?.message ?? String(error)}`;
          },
        )
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
      await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
    }
    await Promise.allSettled([...inFlight]);
  })();
  return { records, done };
}
