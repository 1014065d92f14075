/**
 * rest-js micro-app: a cross-origin iframe written only with `@esri/arcgis-rest-request`, as
 * existing ArcGIS code is: `ArcGISIdentityManager.fromParent()` for the credential (the shell
 * answers ArcGIS's embedded-app protocol), `request()` for the data, and the documented
 * `ArcGISAuthError.retry` for a token that stopped working. None of it knows about the shell.
 */
import {
  ArcGISAuthError,
  ArcGISIdentityManager,
  ArcGISTokenRequestError,
  type IRequestOptions,
  request,
} from "@esri/arcgis-rest-request";
import { ALLOWED_PARENT_ORIGINS, TREES_QUERY } from "../shared/demo.ts";
import { logToParent, onParentReload, parentOriginFrom } from "../shared/frame.ts";

const user = document.getElementById("user")!;
const trees = document.getElementById("trees")!;
const parentOrigin = parentOriginFrom(location.search, ALLOWED_PARENT_ORIGINS);
const treesLayer = TREES_QUERY.slice(0, TREES_QUERY.indexOf("?"));

if (parentOrigin === null) {
  user.textContent = "not started: this page must be embedded by an allowed host";
} else {
  // The usual start of an embedded ArcGIS app: the parent page's credential, no sign-in here.
  await ArcGISIdentityManager.fromParent(parentOrigin).then(
    (manager) => start(parentOrigin, manager),
    (error: Error) => {
      user.textContent = `no credential from the parent page (${error.name}: ${error.message})`;
    },
  );
}

async function start(parentOrigin: string, first: ArcGISIdentityManager) {
  let manager = first;
  // Asked again after a 498: by then the host's coordinated retry has a fresh credential.
  const freshManager = async () => (manager = await ArcGISIdentityManager.fromParent(parentOrigin));
  const withRetry = async <T>(url: string, options: IRequestOptions): Promise<T> => {
    try {
      return (await request(url, { ...options, authentication: manager })) as T;
    } catch (error) {
      if (error instanceof ArcGISAuthError) return (await error.retry(freshManager, 1)) as T;
      // The portal token was refused while rest-js asked for a federated server's token.
      if (error instanceof ArcGISTokenRequestError) {
        return (await request(url, { ...options, authentication: await freshManager() })) as T;
      }
      throw error;
    }
  };

  const load = async () => {
    try {
      const self = await withRetry<{ username: string; fullName?: string }>(
        `${manager.portal}/community/self`,
        {},
      );
      user.textContent = self.fullName ? `${self.fullName} (${self.username})` : self.username;
      const answer = await withRetry<{ features: unknown[] }>(treesLayer, {
        params: { where: "1=1", outFields: "*" },
      });
      trees.textContent = `${answer.features.length} features`;
      logToParent(parentOrigin, `rest-js: community/self and ${answer.features.length} trees loaded`);
    } catch (error) {
      const { name, message } = error as Error;
      trees.textContent = `failed (${name}: ${message})`;
      logToParent(parentOrigin, `rest-js request failed: ${name}`);
    }
  };
  onParentReload(parentOrigin, () => void load());
  await load();
}
