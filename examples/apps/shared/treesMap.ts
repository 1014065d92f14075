/**
 * What the demo's two Maps SDK apps share: a MapView that draws the federated server's Trees
 * layer. No basemap and no CDN (the demo runs with no internet): the Maps SDK's assets come from
 * the demo's own server, the widgets are left out (the attribution stays), and the trees are drawn
 * on a plain background. The Maps SDK handles auth by itself: the page decides how
 * its IdentityManager gets tokens (the adapter, or the embedded protocol).
 */
import esriConfig from "@arcgis/core/config.js";
import * as reactiveUtils from "@arcgis/core/core/reactiveUtils.js";
import FeatureLayer from "@arcgis/core/layers/FeatureLayer.js";
import EsriMap from "@arcgis/core/Map.js";
import SimpleRenderer from "@arcgis/core/renderers/SimpleRenderer.js";
import SimpleMarkerSymbol from "@arcgis/core/symbols/SimpleMarkerSymbol.js";
import MapView from "@arcgis/core/views/MapView.js";
import { TREES_LAYER } from "./demo.ts";

// Served by the demo's Vite server (vite-arcgis-assets.ts), never by a CDN.
esriConfig.assetsPath = "/node_modules/@arcgis/core/assets";
// The view's own styles (its attribution bar) and their fonts, from the same place, unbundled.
if (!document.querySelector("link[data-arcgis-view-styles]")) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = `${esriConfig.assetsPath}/esri/themes/light/view.css`;
  link.dataset.arcgisViewStyles = "";
  document.head.append(link);
}

/** A drawn map: what the layer counted, what the view drew, and the view to destroy later. */
export interface TreesMap {
  /** Features the layer's server counted. */
  count: number;
  /** Features the view has drawn, once it stopped updating. */
  drawn: number;
  view: MapView;
}

const treeSymbol = new SimpleMarkerSymbol({
  color: [46, 125, 50, 0.85],
  size: 9,
  outline: { color: [255, 255, 255], width: 1 },
});

/**
 * Draws the Trees layer into a new element of `container` and resolves once the view finished
 * drawing. `onView` gets the view at once, so a caller that moves on can destroy it mid-way.
 */
export async function drawTrees(container: HTMLElement, onView: (view: MapView) => void): Promise<TreesMap> {
  const surface = document.createElement("div");
  surface.className = "map-view";
  container.replaceChildren(surface);
  const layer = new FeatureLayer({
    url: TREES_LAYER,
    outFields: ["*"],
    renderer: new SimpleRenderer({ symbol: treeSymbol }),
  });
  const view = new MapView({
    container: surface,
    map: new EsriMap({ layers: [layer] }),
    ui: { components: [] },
    padding: { top: 0, right: 0, bottom: 24, left: 0 }, // the attribution bar covers the bottom edge
    background: { color: [234, 241, 236] },
  });
  onView(view);
  await view.when();
  const { count, extent } = await layer.queryExtent();
  if (extent) await view.goTo(extent.clone().expand(1.25), { animate: false });
  const layerView = await view.whenLayerView(layer);
  await reactiveUtils.whenOnce(() => !view.updating && !layerView.updating);
  const drawn = await layerView.queryFeatureCount();
  return { count, drawn, view };
}

/** The status line of a drawn map, the same in both apps (the demo spec reads it). */
export const describeMap = ({ count, drawn }: TreesMap) =>
  `Trees layer loaded: ${count} features, ${drawn} drawn`;
