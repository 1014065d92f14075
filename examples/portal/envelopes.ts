/**
 * ArcGIS error bodies (docs/arcgis.md §2-§3). ArcGIS answers most errors with HTTP 200 and a JSON
 * `{"error":{…}}` body; clients look at `error.code`, so these shapes are part of the contract.
 */

/** The `error` member of an ArcGIS error body. */
export interface ArcGISError {
  code: number;
  message: string;
  messageCode?: string;
  error?: string;
  error_description?: string;
  details: string[];
}

/** The full body: `{"error":{…}}` (a type alias, so it fits `Record<string, unknown>` answers). */
export type ArcGISErrorBody = { error: ArcGISError };

/** 499: the resource needs a token and none was sent. */
export function tokenRequired(): ArcGISErrorBody {
  return {
    error: { code: 499, message: "Token Required", messageCode: "GWM_0003", details: ["Token Required"] },
  };
}

/** 498: the token is unknown, expired or revoked. */
export function invalidToken(): ArcGISErrorBody {
  return { error: { code: 498, message: "Invalid token.", details: [] } };
}

/** 403: a valid token whose user may not do this (not a reason to sign in again). */
export function forbidden(): ArcGISErrorBody {
  return {
    error: {
      code: 403,
      messageCode: "GWM_0003",
      message: "You do not have permissions to access this resource or perform this operation.",
      details: [],
    },
  };
}

/** A plain ArcGIS error with a code, a message and optional details. */
export function arcgisError(code: number, message: string, details: string[] = []): ArcGISErrorBody {
  return { error: { code, message, details } };
}

/** An OAuth error of the token endpoint: OAuth's `error`/`error_description` plus ArcGIS's `message`. */
export function oauthError(code: number, error: string, description: string): ArcGISErrorBody {
  return { error: { code, error, error_description: description, message: description, details: [] } };
}

/** `invalid_client_id`, the answer to an unknown client_id at oauth2/token. */
export function invalidClientId(): ArcGISErrorBody {
  return oauthError(400, "invalid_client_id", "Invalid client_id");
}

/** 404 for a path no server knows. */
export function notFound(method: string, path: string): ArcGISErrorBody {
  return arcgisError(404, "Not Found", [`No endpoint for ${method} ${path}`]);
}

/** The body of a request failed on purpose through `POST /__admin/fail` (sent with HTTP 503). */
export function serviceUnavailable(): ArcGISErrorBody {
  return arcgisError(503, "Service Unavailable", [
    "The server failed this request on purpose (/__admin/fail).",
  ]);
}
