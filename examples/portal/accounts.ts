/**
 * The fixed identities of the local portal: the one registered OAuth app and the two users
 * (examples/portal/README.md). Plain data, so the CLI, the README and the tests all read the same values.
 */

/** An OAuth app registered with the portal. */
export interface RegisteredApp {
  readonly clientId: string;
  /** Exact strings: a redirect_uri is accepted only when it equals one of these. */
  readonly redirectUris: readonly string[];
}

/** A portal member as `community/self` describes it (plus the password the sign-in form checks). */
export interface PortalUser {
  readonly username: string;
  readonly password: string;
  readonly fullName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly role: "org_admin" | "org_publisher" | "org_user";
  readonly privileges: readonly string[];
  /** Whether this user may read the federated `Restricted` service (the 403 case). */
  readonly canReadRestricted: boolean;
}

/** The demo's registered app (examples/portal/README.md). */
export const DEMO_APP: RegisteredApp = Object.freeze({
  clientId: "arcgis-auth-shell-demo",
  redirectUris: Object.freeze(["http://localhost:5173/callback.html", "http://127.0.0.1:5174/callback.html"]),
});

/** The organisation every user belongs to. */
export const ORG_ID = "aAuthShellDevOrg01";

const viewerPrivileges = ["portal:user:joinGroup", "portal:user:viewOrgItems", "premium:user:geocode"];

/** jsmith (org_admin) and alee (org_user); both use the password `arcgis123`. */
export const USERS: readonly PortalUser[] = Object.freeze([
  Object.freeze({
    username: "jsmith",
    password: "arcgis123",
    fullName: "Jane Smith",
    firstName: "Jane",
    lastName: "Smith",
    email: "jsmith@example.com",
    role: "org_admin",
    privileges: Object.freeze([...viewerPrivileges, "portal:admin:viewUsers", "portal:user:createItem"]),
    canReadRestricted: true,
  }),
  Object.freeze({
    username: "alee",
    password: "arcgis123",
    fullName: "Alex Lee",
    firstName: "Alex",
    lastName: "Lee",
    email: "alee@example.com",
    role: "org_user",
    privileges: Object.freeze(viewerPrivileges),
    canReadRestricted: false,
  }),
]);

/** The user with this username (exact match), or undefined. */
export function findUser(username: string): PortalUser | undefined {
  return USERS.find((user) => user.username === username);
}

/** The user when username and password match, else undefined. */
export function checkPassword(username: string, password: string): PortalUser | undefined {
  const user = findUser(username);
  return user && user.password === password ? user : undefined;
}

/** Whether a client_id names the registered app. */
export function isRegisteredClient(clientId: string | undefined): boolean {
  return clientId === DEMO_APP.clientId;
}

/** Whether a redirect_uri is registered for the app, compared as exact strings (no normalisation). */
export function isRegisteredRedirect(redirectUri: string | undefined): boolean {
  return redirectUri !== undefined && DEMO_APP.redirectUris.includes(redirectUri);
}

/** The public description of a user for `community/self` and `portals/self` (never the password). */
export function describeUser(user: PortalUser): Record<string, unknown> {
  return {
    username: user.username,
    fullName: user.fullName,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    orgId: ORG_ID,
    role: user.role,
    userType: "creatorUT",
    privileges: [...user.privileges],
    groups: [],
    access: "org",
    level: "2",
    created: 1_700_000_000_000,
    modified: 1_700_000_000_000,
  };
}
