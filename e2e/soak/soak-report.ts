/** The soak's verdict and figures (scripts/soak.ts), from what every app recorded and what went on the wire. */

/** How each request ended, by its `soakId` (see soak-app.ts). */
export type Records = Record<string, string>;

/** What the run observed. */
export interface SoakObservations {
  records: Records;
  /** How often the browser sent each `soakId`. */
  sends: Map<string, number>;
  /** Whether every app's requests ended before the deadline. */
  ended: boolean;
  expiries: number;
  reauthentications: number;
  tokenRequests: number;
  injected503: number;
  popups: number;
  events: string[];
}

/** A failure the soak allows: the portal's 503, handed back as is or named by a PortalError. */
export const isPortal503 = (outcome: string) =>
  outcome === "http 503" || (outcome.startsWith("error portal-error") && outcome.includes("503"));

/** Prints the figures and the checks; true when every check passed. */
export function report(r: SoakObservations): boolean {
  const outcomes = Object.entries(r.records);
  const succeeded = outcomes.filter(([, o]) => o === "ok").length;
  const handedBack503 = outcomes.filter(([, o]) => isPortal503(o)).length;
  const pending = outcomes.filter(([, o]) => o === "pending");
  const wrong = outcomes.filter(([, o]) => o !== "ok" && o !== "pending" && !isPortal503(o));
  const retried = outcomes.filter(([id]) => r.sends.get(id) === 2).length;
  const overSent = outcomes.filter(([id]) => (r.sends.get(id) ?? 0) > 2);
  const unobserved = outcomes.filter(([id]) => !r.sends.has(id)).length;
  const prompts = r.events.filter((e) => e === "auth-required").length;
  const checks: [string, boolean][] = [
    ["every request ended (none lost, none hanging)", r.ended && pending.length === 0],
    ["every failure is the portal's own 503", wrong.length === 0],
    ["no request sent more than once beyond the one auth retry", overSent.length === 0],
    [
      `at most one re-authentication per expiry (${r.reauthentications} for ${r.expiries})`,
      r.reauthentications <= r.expiries,
    ],
    ["no interactive re-sign-in (no prompt, no popup)", prompts === 0 && r.popups === 1],
  ];
  console.log(`requests sent         ${outcomes.length}`);
  console.log(`  succeeded           ${succeeded}`);
  console.log(`  failed (portal 503) ${handedBack503}`);
  console.log(`  failed otherwise    ${wrong.length}`);
  console.log(`  still pending       ${pending.length}`);
  console.log(`  retried (sent twice) ${retried}`);
  console.log(`  not seen on the wire ${unobserved}`);
  console.log(
    `re-authentications    ${r.reauthentications} silent refreshes (${r.tokenRequests} token requests, ${r.tokenRequests - r.reauthentications} answered 503)`,
  );
  console.log(`token expiries        ${r.expiries}`);
  console.log(`HTTP 503 answers      ${r.injected503}`);
  for (const [what, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${what}`);
  const examples = [
    ...new Set(
      [...wrong, ...overSent.map(([id]) => [id, `sent ${r.sends.get(id)} times`])].map(([, o]) => o),
    ),
  ];
  if (examples.length > 0) console.log(`examples: ${examples.slice(0, 8).join(" | ")}`);
  if (pending.length > 0)
    console.log(
      `pending: ${pending
        .slice(0, 8)
        .map(([id]) => id)
        .join(", ")}`,
    );
  return checks.every(([, ok]) => ok);
}
