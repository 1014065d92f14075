/**
 * The demo's two origins in its callback page's openers list (callback/README.md). The shipped
 * page (callback/vite.config.ts) keeps the list empty and trusts its own origin only; the demo's
 * dev servers and its build add this plugin, so only the demo's own copy of the page trusts them.
 */
import type { Plugin } from "vite";

/** The demo host and its second origin (README): each opens the callback of the other. */
export const DEMO_OPENERS: readonly string[] = ["http://localhost:5173", "http://127.0.0.1:5174"];

const OPENERS_META = /(<meta\s+name="arcgis-auth-shell:openers"\s+content=")[^"]*(")/;

/**
 * `html` with the openers meta's content replaced by `origins`. Throws when the page has no
 * such meta, so a changed callback page breaks the demo build instead of leaving the demo's
 * second origin without an answer.
 */
export function fillOpeners(html: string, origins: readonly string[]): string {
  if (!OPENERS_META.test(html)) throw new Error("callback page: no arcgis-auth-shell:openers meta to fill");
  return html.replace(OPENERS_META, `$1${origins.join(" ")}$2`);
}

/** Vite plugin: fills the list of the callback page (and of no other page) in dev and build. */
export function demoOpenersPlugin(origins: readonly string[] = DEMO_OPENERS): Plugin {
  return {
    name: "arcgis-auth-shell:demo-openers",
    transformIndexHtml: {
      order: "pre",
      handler: (html, context) =>
        /(^|\/)callback\/callback\.html$/.test(context.filename.replaceAll("\\", "/"))
          ? fillOpeners(html, origins)
          : html,
    },
  };
}
