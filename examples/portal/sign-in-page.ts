import { CARRIED_PARAMS } from "./authorize-request.ts";
import type { RequestParams } from "./params.ts";

/**
 * The HTML of the portal's sign-in form and of its error page. Everything taken from the
 * request is escaped; nothing from the URL is ever written into the page unescaped.
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Security headers of both pages: no framing, no referrer, no caching, no scripts. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

const style = `
  body { font: 16px system-ui, sans-serif; background: #f3f3f3; color: #151515; margin: 0; }
  main { max-width: 22rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 1px 4px rgba(0,0,0,.2); }
  h1 { font-size: 1.3rem; margin-top: 0; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .5rem; margin-top: .25rem; font: inherit; }
  .actions { display: flex; gap: .5rem; margin-top: 1.5rem; }
  button { flex: 1; padding: .6rem; font: inherit; cursor: pointer; }
  button[value="signin"] { background: #007ac2; color: #fff; border: 0; border-radius: 4px; }
  .error { color: #a8081a; background: #fde8ea; padding: .5rem; border-radius: 4px; }
  .hint { color: #555; font-size: .85rem; }`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}

/** What the form needs: the request parameters to carry, and an optional error message. */
export interface SignInPageOptions {
  readonly params: RequestParams;
  readonly appName: string;
  readonly username?: string;
  readonly message?: string;
}

/** The sign-in form: labelled Username and Password, Sign In and Cancel, parameters in hidden fields. */
export function renderSignInPage(options: SignInPageOptions): string {
  const hidden = CARRIED_PARAMS.filter((name) => options.params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(options.params[name] ?? "")}">`)
    .join("\n");
  const message = options.message ? `<p class="error" role="alert">${escapeHtml(options.message)}</p>` : "";
  return page(
    "Sign in | ArcGIS (local portal)",
    `<h1>Sign in to ArcGIS</h1>
<p class="hint">${escapeHtml(options.appName)} would like to access your account (local portal).</p>
${message}
<form method="post" action="authorize">
${hidden}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" value="${escapeHtml(options.username ?? "")}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<div class="actions">
<button type="submit" name="action" value="signin">Sign In</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</div>
</form>
<p class="hint">Demo users: jsmith / arcgis123, alee / arcgis123.</p>`,
  );
}

/** The page for a request that cannot be answered with a redirect. */
export function renderErrorPage(message: string): string {
  return page(
    "Error | ArcGIS (local portal)",
    `<h1>Sign-in error</h1>
<p class="error" role="alert">${escapeHtml(message)}</p>
<p class="hint">The application's sign-in request is invalid, so you are not sent back to it.</p>`,
  );
}
