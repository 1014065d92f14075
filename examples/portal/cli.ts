#!/usr/bin/env node
import { DEMO_APP, USERS } from "./accounts.ts";
import { startPortal } from "./index.ts";

/**
 * `npm run portal`: starts the local portal on its fixed ports, prints what it serves, and stops
 * cleanly on Ctrl-C or SIGTERM. A busy port ends it with a one-line error and exit code 1.
 */

async function main(): Promise<void> {
  const portal = await startPortal();
  const admin = `${new URL(portal.urls.portal).origin}/__admin`;
  console.log(
    [
      "arcgis-auth-shell local portal (an ArcGIS Online stand-in; http and https on each port)",
      `  portal                ${portal.urls.portal}`,
      `                        ${portal.urls.portal.replace("http:", "https:")}  (self-signed certificate)`,
      `  certificate SHA-256   ${portal.certificateFingerprint}`,
      `  federated server      ${portal.urls.federated}/rest/services  (Trees, Restricted)`,
      `  standalone server     ${portal.urls.standalone}/rest/services  (Parcels, public Landmarks)`,
      `  test controls         ${admin}/{reset,expire,log,fail,config}`,
      `  registered app        client_id ${DEMO_APP.clientId}`,
      ...DEMO_APP.redirectUris.map((uri) => `                        redirect_uri ${uri}`),
      ...USERS.map(
        (user) =>
          `  user                  ${user.username} / ${user.password}  (${user.fullName}, ${user.role})`,
      ),
      "Press Ctrl-C to stop.",
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nlocal portal: ${signal}, stopping.`);
    portal.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
