// 应急巡查: draw the area on a Leaflet map with Leaflet-Geoman, choose the reason and the kinds, add a note, POST
// /api/campaigns, show the checks created per kind, then with one more click build today's work lists.

import { ApiError, getFeaturesInBox, postJson } from '../api.js';
import { clear, el, swatch } from '../dom.js';
import { currentLanguage, onLanguageChange } from '../i18n.js';
import { clearFieldErrors, errorText, kindTitle, showFieldErrors, toast, withProgress } from './common.js';
import { postEmpty } from './office-api.js';
import { kindSymbol, styleFor } from '../styles.js';
import { formatCount, tx } from './text.js';

/** Below this zoom the map shows no assets (a city's worth would be too many to fetch as GeoJSON). */
const assetsMinZoom = 15;
const assetsPerKind = 2000;

const areaStyle = { color: '#c62828', weight: 2, fillColor: '#ef5350', fillOpacity: 0.15 };

export class CampaignSection {
  constructor(context) {
    this.context = context;
    this.form = document.getElementById('campaign-form');
    this.reasons = document.getElementById('campaign-reasons');
    this.kinds = document.getElementById('campaign-kinds');
    this.order = document.getElementById('campaign-order');
    this.note = document.getElementById('campaign-note');
    this.areaSummary = document.getElementById('campaign-area-summary');
    this.formError = document.getElementById('campaign-form-error');
    this.submit = document.getElementById('campaign-submit');
    this.result = document.getElementById('campaign-result');
    this.drawButton = document.getElementById('campaign-draw');
    this.clearButton = document.getElementById('campaign-clear');
    this.hint = document.getElementById('campaign-hint');
    this.area = null;
    this.inside = null;
    this.created = null;
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.create();
    });
    this.drawButton.addEventListener('click', () => this.startDrawing());
    this.clearButton.addEventListener('click', () => this.clearArea());
    onLanguageChange(() => this.renderChoices());
  }

  async initialise() {
    this.renderChoices();
    const config = this.context.mapConfig;
    this.map = L.map('campaign-map', { minZoom: 8, maxZoom: 20, zoomControl: true })
      .setView([config.center[1], config.center[0]], Math.max(config.zoom, 12));
    for (const basemap of config.basemap ?? []) {
      L.tileLayer(basemap.urlTemplate, {
        attribution: basemap.attribution, subdomains: basemap.subdomains?.length ? basemap.subdomains : 'abc', maxZoom: 20, maxNativeZoom: basemap.maxZoom,
      }).addTo(this.map);
    }
    if (!config.basemap?.length) this.map.getContainer().classList.add('map-plain');
    this.map.attributionControl.setPrefix(false);
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(this.map);
    this.map.pm.setLang(currentLanguage() === 'en' ? 'en' : 'zh');
    onLanguageChange((language) => this.map.pm.setLang(language === 'en' ? 'en' : 'zh'));
    this.map.on('pm:create', (e) => this.areaDrawn(e.layer));
    this.context.onShow('campaign', () => this.map.invalidateSize());
    const districts = await this.context.districts();
    L.geoJSON(districts, { style: { color: '#5e35b1', weight: 1.2, dashArray: '4 3', fill: false }, interactive: false }).addTo(this.map);
    this.assets = L.layerGroup().addTo(this.map);
    this.map.on('moveend', () => this.showAssets());
    this.showAssets();
  }

  /** Draws the ticked kinds' assets in view (from the zoom where that stays small), so the user sees what the
   * area will cover. */
  async showAssets() {
    const mine = (this.assetRequest = (this.assetRequest ?? 0) + 1);
    if (this.map.getZoom() < assetsMinZoom) {
      this.assets.clearLayers();
      if (!this.area && !this.drawing) this.hint.textContent = tx('zoomInForAssets');
      return;
    }
    if (!this.area && !this.drawing) this.hint.textContent = '';
    const b = this.map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    const kinds = [...this.kinds.querySelectorAll('input:checked')].map((i) => i.value);
    try {
      const pages = await Promise.all(kinds.map((c) => getFeaturesInBox(c, bbox, assetsPerKind).then((page) => [c, page])));
      if (mine !== this.assetRequest) return;
      this.assets.clearLayers();
      const zoom = this.map.getZoom();
      for (const [collection, page] of pages) {
        L.geoJSON(page, {
          interactive: false,
          style: (f) => styleFor(collection, f.properties, zoom),
          pointToLayer: (f, latlng) => L.circleMarker(latlng, { ...styleFor(collection, f.properties, zoom), interactive: false }),
        }).addTo(this.assets);
      }
    } catch (error) {
      if (mine === this.assetRequest) toast(errorText(error), 'error');
    }
  }

  renderChoices() {
    const options = this.context.options;
    const chosenReason = this.reasons.querySelector('input:checked')?.value ?? null;
    const ticked = new Set([...this.kinds.querySelectorAll('input')].filter((i) => i.checked).map((i) => i.value));
    const firstRender = this.kinds.childElementCount === 0;
    clear(this.reasons).append(...options.reasons.map((r) => {
      const input = el('input', { type: 'radio', name: 'reason', value: r.reason, id: `campaign-reason-${r.reason}` });
      input.checked = r.reason === chosenReason;
      input.addEventListener('change', () => this.renderChoices());
      return el('label', { className: 'choice', for: input.id }, input, tx(`reason_${r.reason}`));
    }));
    const reason = options.reasons.find((r) => r.reason === chosenReason);
    const ordered = [...options.collections].sort((a, b) => rank(reason, a.collection) - rank(reason, b.collection));
    clear(this.kinds).append(...ordered.map((c) => {
      const input = el('input', { type: 'checkbox', name: 'collections', value: c.collection, id: `campaign-kind-${c.collection}` });
      input.checked = firstRender || ticked.has(c.collection);
      input.addEventListener('change', () => {
        this.renderAreaSummary();
        if (this.map) this.showAssets();
      });
      const { shape, style } = kindSymbol(c.collection, this.context.collections.get(c.collection)?.geometryTypes ?? ['Point']);
      return el('label', { className: 'choice', for: input.id }, input, swatch(shape, style), kindTitle(this.context, c.collection),
        c.confinedSpace ? el('span', { className: 'tag tag-warning' }, tx('confinedSpace')) : null);
    }));
    this.order.textContent = !reason ? '' : reason.collections.length
      ? tx('checkOrder', { order: reason.collections.map((c) => kindTitle(this.context, c)).join(' → ') })
      : tx('checkOrderNone');
    this.renderAreaSummary();
    if (this.created) this.renderCreated();
  }

  startDrawing() {
    this.clearArea();
    this.drawing = true;
    this.map.pm.enableDraw('Polygon', { snappable: false, templineStyle: areaStyle, hintlineStyle: { ...areaStyle, dashArray: '5 5' }, pathOptions: areaStyle });
    this.hint.textContent = tx('drawHint');
  }

  clearArea() {
    this.drawing = false;
    this.map.pm.disableDraw();
    if (this.area) this.area.remove();
    this.area = null;
    this.inside = null;
    this.clearButton.disabled = true;
    this.drawButton.textContent = tx('drawArea');
    this.hint.textContent = '';
    this.renderAreaSummary();
  }

  areaDrawn(layer) {
    this.drawing = false;
    this.area = layer;
    layer.setStyle(areaStyle);
    layer.pm.enable({ allowSelfIntersection: false });
    layer.on('pm:edit', () => this.countInside());
    this.clearButton.disabled = false;
    this.drawButton.textContent = tx('redrawArea');
    this.hint.textContent = tx('editHint');
    clearFieldErrors(this.form);
    this.countInside();
  }

  get geometry() {
    return this.area ? this.area.toGeoJSON().geometry : null;
  }

  /** Counts the in-service assets inside the area per kind (what the campaign will check), before it is started. */
  async countInside() {
    const geometry = this.geometry;
    if (!geometry) return;
    const limit = 5000;
    try {
      const found = await postJson('/api/assets/search', { geometry, limit });
      if (JSON.stringify(geometry) !== JSON.stringify(this.geometry)) return;
      const counts = new Map();
      for (const a of found.assets) if (a.status === 'in_service') counts.set(a.collection, (counts.get(a.collection) ?? 0) + 1);
      this.inside = { counts, truncated: found.numberReturned >= limit, limit };
    } catch (error) {
      // A shape the server refuses (e.g. self-intersecting) is said beside the area; the campaign would be refused too.
      this.inside = null;
      const problems = error instanceof ApiError ? Object.values(error.fieldErrors).flat() : [];
      showFieldErrors(this.form, 'campaign-', { area: problems.length ? problems : [errorText(error)] });
    }
    this.renderAreaSummary();
  }

  renderAreaSummary() {
    this.submit.disabled = !this.area || !!this.created;
    if (!this.area) {
      this.areaSummary.textContent = tx('noArea');
      return;
    }
    const geometry = this.geometry;
    const text = [tx('areaSize', { area: formatArea(geodesicArea(geometry.coordinates[0])) })];
    if (this.inside) {
      const ticked = [...this.kinds.querySelectorAll('input:checked')].map((i) => i.value);
      const parts = ticked.filter((c) => this.inside.counts.get(c)).map((c) => `${kindTitle(this.context, c)} ${formatCount(this.inside.counts.get(c))}`);
      text.push(parts.length ? tx('assetsInside', { list: parts.join('、') }) : tx('assetsInsideNone'));
      if (this.inside.truncated) text.push(tx('assetsInsideMany', { n: formatCount(this.inside.limit) }));
    }
    this.areaSummary.textContent = text.join('');
  }

  async create() {
    clearFieldErrors(this.form);
    this.formError.hidden = true;
    const reason = this.reasons.querySelector('input:checked')?.value;
    const collections = [...this.kinds.querySelectorAll('input:checked')].map((i) => i.value);
    const local = {};
    if (!reason) local.reason = [tx('chooseReason')];
    if (!collections.length) local.collections = [tx('chooseKinds')];
    if (!this.area) local.area = [tx('drawFirst')];
    if (Object.keys(local).length) {
      showFieldErrors(this.form, 'campaign-', local);
      return;
    }
    const note = this.note.value.trim();
    const body = { reason, collections, area: this.geometry, note: note || null };
    this.submit.disabled = true;
    try {
      const created = await withProgress(this.result, 'creatingCampaign', () => postJson('/api/campaigns', body));
      this.created = { ...created, reason, collections, built: null };
      this.map.pm.disableDraw();
      this.area.pm.disable();
      this.renderCreated();
      this.context.refreshSummary();
    } catch (error) {
      const unplaced = error instanceof ApiError ? showFieldErrors(this.form, 'campaign-', error.fieldErrors) : [];
      this.formError.textContent = [errorText(error), ...unplaced].join(' ');
      this.formError.hidden = false;
    } finally {
      this.submit.disabled = !this.area || !!this.created;
    }
  }

  renderCreated() {
    const { id, tasksCreated, reason, collections } = this.created;
    const total = Object.values(tasksCreated).reduce((s, n) => s + n, 0);
    const reasonOrder = this.context.options.reasons.find((r) => r.reason === reason);
    const ordered = [...collections].sort((a, b) => rank(reasonOrder, a) - rank(reasonOrder, b));
    const buildBox = el('div', { className: 'build-area' });
    const build = el('button', { type: 'button', className: 'button button-primary', id: 'campaign-build' }, tx('buildListsNow'));
    build.addEventListener('click', () => this.buildLists(build, buildBox));
    const again = el('button', { type: 'button', className: 'button', on: { click: () => this.reset() } }, tx('newCampaign'));
    clear(this.result).append(
      el('p', { className: 'result-title', id: 'campaign-created', dataset: { campaignId: id } }, tx('campaignCreated', { id, n: formatCount(total) })),
      el('table', { className: 'data-table compact', id: 'campaign-counts' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, tx('kind')), el('th', { scope: 'col', className: 'num' }, tx('tasks')))),
        el('tbody', {}, ordered.map((c) => el('tr', { dataset: { collection: c } },
          el('td', {}, kindTitle(this.context, c)), el('td', { className: 'num' }, formatCount(tasksCreated[c] ?? 0)))))),
      el('div', { className: 'form-buttons' }, this.created.built ? null : build, again),
      buildBox);
    if (this.created.built) this.context.lists.renderBuildReport(this.created.built, buildBox);
    this.result.hidden = false;
  }

  async buildLists(button, box) {
    button.disabled = true;
    try {
      const report = await withProgress(box, 'building', () => postEmpty('/api/work-lists/build'));
      this.created.built = report;
      this.renderCreated();
      this.context.lists.reload(report.workDate);
      this.context.refreshSummary();
    } catch (error) {
      button.disabled = false;
      toast(errorText(error), 'error');
    }
  }

  reset() {
    this.created = null;
    clear(this.result);
    this.result.hidden = true;
    this.note.value = '';
    this.clearArea();
  }
}

function rank(reason, collection) {
  const i = reason?.collections.indexOf(collection) ?? -1;
  return i < 0 ? 100 : i;
}

/** Area in square metres of a WGS 84 ring on the sphere (the spherical-excess sum used by Leaflet.draw). */
function geodesicArea(ring) {
  const radius = 6378137;
  const rad = Math.PI / 180;
  let area = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    area += (x2 - x1) * rad * (2 + Math.sin(y1 * rad) + Math.sin(y2 * rad));
  }
  return Math.abs((area * radius * radius) / 2);
}

function formatArea(m2) {
  return m2 < 1e6 ? `${formatCount(Math.round(m2))} m²` : `${(m2 / 1e6).toFixed(2)} km²`;
}

