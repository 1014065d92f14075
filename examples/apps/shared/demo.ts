/**
 * Addresses and message names the demo's host and micro-apps agree on. The data URLs are the
 * fixed local servers (README); the origins are the demo's two origins.
 */

/** The origin of the single-spa host (it runs the shell). */
export const HOST_ORIGIN = "http://localhost:5173";
/** The second origin: the cross-origin iframe apps and the second host page live here. */
export const FRAME_ORIGIN = "http://127.0.0.1:5174";
/** Hosts an iframe app agrees to take its credential from (`?arcgis-auth-origin=` must be one). */
export const ALLOWED_PARENT_ORIGINS: readonly string[] = [HOST_ORIGIN];

/** The secured layer on the ArcGIS Server federated with the portal. */
export const TREES_LAYER = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0";
/** A query of every feature of that layer. */
export const TREES_QUERY = `${TREES_LAYER}/query?where=1%3D1&outFields=*&f=json`;
/** The same kind of layer on a server that is NOT federated: it must never get a token. */
export const PARCELS_QUERY =
  "http://localhost:4300/arcgis/rest/services/Parcels/FeatureServer/0/query?where=1%3D1&outFields=*&f=json";
/** The local portal's test control that invalidates every issued token (examples/portal/README.md). */
export const EXPIRE_URL = "http://localhost:4100/__admin/expire";

/** Window event (same window) and message type (iframes) asking every app to load its data again. */
export const RELOAD_EVENT = "demo:reload";
/** Message an iframe app sends its parent to add a line to the host's event log. */
export const LOG_MESSAGE_TYPE = "demo:log";
/** Longest log line the host accepts from an iframe. */
export const MAX_LOG_TEXT = 200;
