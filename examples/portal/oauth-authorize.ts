import type { Context, Hono } from "hono";
import { checkPassword } from "./accounts.ts";
import {
  type AuthorizeRequest,
  buildRedirect,
  errorRedirect,
  validateAuthorize,
} from "./authorize-request.ts";
import { readParams } from "./params.ts";
import { PAGE_HEADERS, renderErrorPage, renderSignInPage } from "./sign-in-page.ts";
import type { PortalStore } from "./store.ts";

/**
 * `oauth2/authorize` (docs/arcgis.md §1): GET shows the sign-in form, the form POSTs back here, and
 * the answer is a 303 redirect to the registered redirect_uri (fragment for response_type=token,
 * query for code). Invalid client or redirect_uri: an HTML error page with HTTP 400, no redirect.
 */

const APP_NAME = "arcgis-auth-shell demo";

function htmlPage(c: Context, html: string, status: 200 | 400): Response {
  return c.html(html, status, PAGE_HEADERS);
}

/** The successful redirect: a token in the fragment, or a code in the query. */
function grant(store: PortalStore, request: AuthorizeRequest, username: string): string {
  if (request.responseType === "token") {
    const expiresIn = store.capSeconds(request.expirationMinutes * 60);
    const token = store.issueAccessToken(username, expiresIn);
    return buildRedirect(request.redirectUri, "token", [
      ["access_token", token],
      ["expires_in", String(expiresIn)],
      ["username", username],
      ["ssl", "false"],
      ["persist", "false"],
      ["state", request.state],
    ]);
  }
  const code = store.issueCode({
    username,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge ?? "",
    codeChallengeMethod: request.codeChallengeMethod,
    refreshSeconds: request.expirationMinutes * 60,
  });
  return buildRedirect(request.redirectUri, "code", [
    ["code", code],
    ["state", request.state],
  ]);
}

/** Adds GET and POST `{base}/oauth2/authorize` to the portal app. */
export function addAuthorizeRoutes(app: Hono, base: string, store: PortalStore): void {
  const path = `${base}/oauth2/authorize`;

  app.get(path, async (c) => {
    const params = (await readParams(c)) ?? {};
    const validation = validateAuthorize(params);
    if (validation.kind === "page") return htmlPage(c, renderErrorPage(validation.message), 400);
    if (validation.kind === "redirect") return c.redirect(validation.location, 302);
    return htmlPage(c, renderSignInPage({ params, appName: APP_NAME }), 200);
  });

  app.post(path, async (c) => {
    const params = (await readParams(c)) ?? {};
    const validation = validateAuthorize(params);
    if (validation.kind === "page") return htmlPage(c, renderErrorPage(validation.message), 400);
    if (validation.kind === "redirect") return c.redirect(validation.location, 303);
    const request = validation.request;
    if (params.action === "cancel") {
      return c.redirect(errorRedirect(request, "access_denied", "The user has denied your request."), 303);
    }
    const username = params.username ?? "";
    const user = checkPassword(username, params.password ?? "");
    if (!user) {
      const message = "Invalid username or password.";
      return htmlPage(c, renderSignInPage({ params, appName: APP_NAME, username, message }), 200);
    }
    return c.redirect(grant(store, request, user.username), 303);
  });
}
