// One layer per asset kind. Below the editing zoom a kind is drawn from vector tiles whose URL carries the
// kind's version from /api/tiles/versions (a write bumps it, so no stale tile is ever reused); from the editing
// zoom on it is drawn from GeoJSON items in the view, which Leaflet-Geoman can move and reshape. Without a tile
// service the page falls back to GeoJSON items in the view at every zoom.

import { getFeaturesInBox, getJson, getJsonOrNull } from './api.js';
import { districtNamer } from './districts.js';
import { el } from './dom.js';
import { drawOrder, selectedStyle, styleFor } from './styles.js';

/** Zoom from which each kind is drawn when no tile metadata says otherwise (GeoJSON fallback uses it too). */
const defaultMinZoom = {
  manholes: 16, streetlights: 16, sewer_segments: 15, residential_areas: 14,
  parks: 12, bridges: 11, ancient_trees: 11, waterlogging_points: 10,
};
const editableLimit = 3000;
const fallbackLimit = 3000;

// Leaflet 1.8 removed L.DomEvent.fakeStop, which Leaflet.VectorGrid 1.3 still calls on a feature click.
if (!L.DomEvent.fakeStop) L.DomEvent.fakeStop = (e) => { e._stopped = true; return true; };

export class AssetLayers {
  /**
   * @param map the Leaflet map
   * @param options collections (OGC collection documents), editingMinZoom, onFeatureClick({collection, id})
   */
  constructor(map, { collections, editingMinZoom, onFeatureClick }) {
    this.map = map;
    this.editingMinZoom = editingMinZoom;
    this.onFeatureClick = onFeatureClick;
    this.collections = [...collections].sort((a, b) => drawOrder.indexOf(a.id) - drawOrder.indexOf(b.id));
    this.kinds = new Map();
    this.useTiles = false;
    this.versions = {};
    this.selected = null;
    this.pinned = null;
    this.hidden = new Set(JSON.parse(localStorage.getItem('assetRegistry.hiddenLayers') ?? '[]'));
    this.loadedListeners = [];
    this.collections.forEach((collection, index) => {
      const id = collection.id;
      const displayPane = map.createPane(`display-${id}`);
      displayPane.style.zIndex = String(410 + index);
      const editPane = map.createPane(`edit-${id}`);
      editPane.style.zIndex = String(440 + index);
      this.kinds.set(id, {
        id,
        collection,
        minZoom: defaultMinZoom[id] ?? 12,
        display: null,
        editable: this.#geoJsonLayer(id, L.svg({ pane: `edit-${id}` }), true),
        displayRenderer: L.canvas({ pane: `display-${id}` }),
        editableRequest: null,
        fallbackRequest: null,
      });
    });
    map.on('moveend', () => this.refresh());
    // Vector tiles are canvases that Leaflet keeps out of pointer events; a click on the map is matched against
    // the drawn tile features here instead (top kind first). Editable and GeoJSON layers handle their own clicks.
    map.on('click', (e) => {
      if (!this.useTiles || this.editing) return;
      const hit = this.#tileFeatureAt(e.layerPoint);
      if (hit) this.onFeatureClick(hit);
    });
  }

  /** Reads tile versions and metadata; falls back to GeoJSON when the tile service is absent. */
  async initialise() {
    const versions = await getJsonOrNull('/api/tiles/versions').catch(() => null);
    this.useTiles = versions !== null && typeof L.vectorGrid?.protobuf === 'function';
    this.versions = versions ?? {};
    for (const kind of this.kinds.values()) {
      if (this.useTiles) {
        const meta = await getJsonOrNull(`/ogc/collections/${kind.id}/tiles`).catch(() => null);
        const minZoom = meta?.minzoom ?? meta?.minZoom ?? meta?.tilesets?.[0]?.minzoom;
        if (Number.isFinite(minZoom)) kind.minZoom = minZoom;
        kind.display = this.#tileLayer(kind);
      } else {
        kind.display = this.#geoJsonLayer(kind.id, kind.displayRenderer, false);
      }
    }
    this.refresh();
  }

  get editing() {
    return this.map.getZoom() >= this.editingMinZoom;
  }

  isVisible(collection) {
    return !this.hidden.has(collection);
  }

  setVisible(collection, visible) {
    if (visible) this.hidden.delete(collection); else this.hidden.add(collection);
    localStorage.setItem('assetRegistry.hiddenLayers', JSON.stringify([...this.hidden]));
    this.refresh();
  }

  minZoomOf(collection) {
    return this.kinds.get(collection)?.minZoom ?? 0;
  }

  /** Zooms in to the editing level (when below it) and waits for the editable GeoJSON of the view. */
  async ensureEditingZoom() {
    if (!this.editing) {
      await new Promise((resolve) => {
        this.map.once('moveend', resolve);
        this.map.setZoom(this.editingMinZoom);
      });
    }
    await Promise.all([...this.kinds.keys()].map((id) => this.whenLoaded(id)));
  }

  /** Resolves when the kind's latest editable GeoJSON request has been drawn. */
  whenLoaded(collection) {
    return this.kinds.get(collection)?.editableLoad ?? Promise.resolve();
  }

  /** Shows each kind the way the zoom asks for and loads what the view needs. */
  refresh() {
    const zoom = this.map.getZoom();
    const editing = this.editing;
    this.map.getContainer().classList.toggle('map-editing-zoom', editing);
    for (const kind of this.kinds.values()) {
      if (!kind.display) continue;
      const visible = this.isVisible(kind.id);
      const showDisplay = visible && !editing && zoom >= kind.minZoom;
      const showEditable = visible && editing;
      this.#toggle(kind.display, showDisplay);
      this.#toggle(kind.editable, showEditable);
      if (showDisplay && !this.useTiles) this.#loadFallback(kind);
      if (showEditable) kind.editableLoad = this.#loadEditable(kind);
    }
  }

  #toggle(layer, show) {
    if (show && !this.map.hasLayer(layer)) layer.addTo(this.map);
    if (!show && this.map.hasLayer(layer)) layer.remove();
  }

  #tileUrl(kind) {
    const version = encodeURIComponent(this.versions[kind.id] ?? 0);
    return `/ogc/collections/${kind.id}/tiles/WebMercatorQuad/{z}/{y}/{x}?v=${version}`;
  }

  #tileLayer(kind) {
    const layer = L.vectorGrid.protobuf(this.#tileUrl(kind), {
      pane: `display-${kind.id}`,
      rendererFactory: L.canvas.tile,
      interactive: false,
      maxNativeZoom: 22,
      vectorTileLayerStyles: { [kind.id]: (properties, zoom) => styleFor(kind.id, properties, zoom) },
      // The MVT feature id is the asset id; kept on the properties so a click knows which asset it hit.
      getFeatureId: (feature) => {
        feature.properties._fid = feature.id;
        return feature.id;
      },
    });
    layer.on('load', () => this.#notifyLoaded());
    return layer;
  }

  #geoJsonLayer(collection, renderer, editable) {
    return L.geoJSON(null, {
      renderer,
      pmIgnore: !editable,
      snapIgnore: !editable,
      style: (feature) => styleFor(collection, feature.properties, this.map.getZoom()),
      pointToLayer: (feature, latlng) =>
        L.circleMarker(latlng, { ...styleFor(collection, feature.properties, this.map.getZoom()), renderer, pmIgnore: !editable, snapIgnore: !editable }),
      onEachFeature: (feature, layer) => {
        layer.options.pmIgnore = !editable;
        layer.on('click', (e) => {
          L.DomEvent.stop(e);
          this.onFeatureClick({ collection, id: feature.id, layer });
        });
      },
    });
  }

  #viewBox(padding) {
    const bounds = this.map.getBounds().pad(padding);
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  }

  async #loadFallback(kind) {
    kind.fallbackRequest?.abort();
    const request = new AbortController();
    kind.fallbackRequest = request;
    try {
      const page = await getFeaturesInBox(kind.id, this.#viewBox(0.1), fallbackLimit, request.signal);
      if (request.signal.aborted) return;
      kind.display.clearLayers();
      kind.display.addData(page);
      this.#notifyLoaded();
    } catch (error) {
      if (error.name !== 'AbortError' && !request.signal.aborted) console.warn(`loading ${kind.id}`, error);
    }
  }

  async #loadEditable(kind) {
    kind.editableRequest?.abort();
    const request = new AbortController();
    kind.editableRequest = request;
    try {
      const page = await getFeaturesInBox(kind.id, this.#viewBox(0.25), editableLimit, request.signal);
      if (request.signal.aborted) return;
      // The asset being edited keeps its layer (and the user's unsaved drag); every other one is replaced.
      const pinned = this.pinned?.collection === kind.id ? this.pinned : null;
      for (const layer of kind.editable.getLayers()) if (layer !== pinned?.layer) kind.editable.removeLayer(layer);
      kind.editable.addData({ ...page, features: page.features.filter((f) => f.id !== pinned?.id) });
      if (this.selected?.collection === kind.id) this.highlight(this.selected.collection, this.selected.id);
      this.#notifyLoaded();
    } catch (error) {
      if (error.name !== 'AbortError' && !request.signal.aborted) console.warn(`loading ${kind.id}`, error);
    }
  }

  #notifyLoaded() {
    for (const listener of this.loadedListeners) listener();
  }

  /** Re-reads tile versions and reloads a kind's GeoJSON after a write, so the edit shows at once. */
  async refreshAfterWrite(collection) {
    if (this.useTiles) {
      const versions = await getJson('/api/tiles/versions').catch(() => null);
      if (versions) {
        for (const kind of this.kinds.values()) {
          const changed = versions[kind.id] !== this.versions[kind.id];
          this.versions[kind.id] = versions[kind.id];
          if (changed || kind.id === collection) kind.display.setUrl(this.#tileUrl(kind));
        }
      }
    }
    const kind = this.kinds.get(collection);
    if (!kind) return;
    if (this.editing && this.isVisible(collection)) await (kind.editableLoad = this.#loadEditable(kind));
    else if (!this.useTiles && this.map.hasLayer(kind.display)) await this.#loadFallback(kind);
  }

  /** The Leaflet layer of an asset among the editable GeoJSON, or undefined. */
  editableLayer(collection, id) {
    return this.kinds.get(collection)?.editable.getLayers().find((layer) => layer.feature?.id === id);
  }

  /** Keeps an asset's layer across reloads while it is being edited (null to release). */
  pin(collection, id, layer) {
    this.pinned = collection ? { collection, id, layer } : null;
  }

  highlight(collection, id) {
    this.clearHighlight();
    this.selected = { collection, id };
    const zoom = this.map.getZoom();
    const layer = this.editableLayer(collection, id);
    if (layer) {
      layer.setStyle(selectedStyle(collection, layer.feature.properties, zoom));
      layer.bringToFront?.();
    }
    const display = this.kinds.get(collection)?.display;
    if (this.useTiles && display) display.setFeatureStyle(id, (properties, z) => selectedStyle(collection, properties, z));
  }

  clearHighlight() {
    if (!this.selected) return;
    const { collection, id } = this.selected;
    this.selected = null;
    const layer = this.editableLayer(collection, id);
    if (layer) layer.setStyle(styleFor(collection, layer.feature.properties, this.map.getZoom()));
    const display = this.kinds.get(collection)?.display;
    if (this.useTiles && display) display.resetFeatureStyle(id);
  }

  #tileFeatureAt(layerPoint) {
    for (const kind of [...this.kinds.values()].reverse()) {
      if (!kind.display || !this.map.hasLayer(kind.display)) continue;
      for (const tile of Object.values(kind.display._vectorTiles ?? {})) {
        const point = layerPoint.subtract(tile.getOffset());
        for (const [id, entry] of Object.entries(tile._features ?? {})) {
          const shape = entry.feature;
          // Leaflet's hit tests need the pixel bounds, which VectorGrid's symbolizers never compute.
          if (shape._parts && !shape._pxBounds) shape._pxBounds = L.bounds(shape._parts.flat());
          if (shape._containsPoint?.(point)) return { collection: kind.id, id: Number(id) };
        }
      }
    }
    return null;
  }

  /** Loaded manholes (id and position) in the view, for sewer-segment snapping. */
  manholes() {
    return this.kinds.get('manholes')?.editable.getLayers().map((layer) => ({ id: layer.feature.id, latlng: layer.getLatLng() })) ?? [];
  }

  /** Sets which editable layers Geoman may snap to (null: every editable kind). */
  setSnapTargets(collections) {
    for (const kind of this.kinds.values()) {
      const snap = collections === null || collections.includes(kind.id);
      kind.editable.eachLayer((layer) => { layer.options.snapIgnore = !snap; });
    }
  }

  /** Ids of the assets of a kind currently drawn (tiles, fallback GeoJSON or editable GeoJSON). */
  renderedIds(collection) {
    const kind = this.kinds.get(collection);
    if (!kind) return [];
    const ids = new Set();
    if (this.map.hasLayer(kind.editable)) kind.editable.eachLayer((layer) => ids.add(layer.feature.id));
    if (kind.display && this.map.hasLayer(kind.display)) {
      if (this.useTiles) {
        for (const tile of Object.values(kind.display._vectorTiles ?? {}))
          for (const id of Object.keys(tile._features ?? {})) ids.add(Number(id));
      } else {
        kind.display.eachLayer((layer) => ids.add(layer.feature.id));
      }
    }
    return [...ids];
  }

  onLoaded(listener) {
    this.loadedListeners.push(listener);
  }
}

/** District boundaries with their (Chinese) names as labels; returns the layer, adcode → Chinese name, and the
 * name in the page's language. */
export async function addDistricts(map) {
  const pane = map.createPane('districts');
  pane.style.zIndex = '405';
  pane.style.pointerEvents = 'none';
  const data = await getJson('/api/districts');
  const names = new Map();
  const layer = L.geoJSON(data, {
    pane,
    interactive: false,
    pmIgnore: true,
    snapIgnore: true,
    style: { color: '#5e35b1', weight: 1.5, opacity: 0.8, dashArray: '6 4', fill: false },
    onEachFeature: (feature, featureLayer) => {
      names.set(String(feature.properties.adcode), feature.properties.name);
      featureLayer.options.pmIgnore = true;
      featureLayer.options.snapIgnore = true;
      featureLayer.bindTooltip(el('span', { text: feature.properties.name }), {
        permanent: true, direction: 'center', className: 'district-label', interactive: false,
      });
    },
  });
  layer.addTo(map);
  return { layer, names, nameOf: districtNamer(data) };
}
