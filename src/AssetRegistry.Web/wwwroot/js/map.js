// The map page: wires the map, the layers, the legend, search, editing, selection and the language switch.

import { getJson } from './api.js';
import { districtNamer } from './districts.js';
import { clear, el, swatch } from './dom.js';
import { bindPair, bindText, currentLanguage, enumLabel, onLanguageChange, setLanguage, t, translate } from './i18n.js';
import { AssetLayers, addDistricts } from './layers.js';
import { Editor } from './editor.js';
import { AreaSelection } from './selection.js';
import { ExportDialog } from './exports.js';
import {
  bridgeGradeColors, conditionColors, drawOrder, kindSymbol, riskColors, sewerSystemColors, sewerWeight, styleFor,
} from './styles.js';
import { Panel, ask, errorMessage, toast } from './ui.js';

async function main() {
  translate();
  const me = await getJson('/api/me');
  const [config, collectionsDocument] = await Promise.all([getJson('/api/map/config'), getJson('/ogc/collections')]);
  const collections = collectionsDocument.collections;
  const schemas = new Map(await Promise.all(collections.map(async (c) =>
    [c.id, await getJson(`/ogc/collections/${encodeURIComponent(c.id)}/queryables`)])));

  document.getElementById('user-name').textContent = me.userName ?? '';
  document.body.classList.toggle('can-edit', !!me.canEdit);

  const view = viewFromHash() ?? { center: [config.center[1], config.center[0]], zoom: config.zoom };
  const map = L.map('map', { zoomControl: false, minZoom: 8, maxZoom: 21, boxZoom: true }).setView(view.center, view.zoom);
  L.control.zoom({ position: 'bottomright' }).addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft', maxWidth: 160 }).addTo(map);
  new CoordinatesControl({ position: 'bottomleft' }).addTo(map);
  for (const basemap of config.basemap ?? []) {
    L.tileLayer(basemap.urlTemplate, {
      attribution: basemap.attribution, subdomains: basemap.subdomains?.length ? basemap.subdomains : 'abc', maxZoom: 21, maxNativeZoom: basemap.maxZoom,
    }).addTo(map);
  }
  if (!config.basemap?.length) map.getContainer().classList.add('map-plain');
  map.attributionControl.setPrefix(false);
  map.pm.setLang(currentLanguage() === 'en' ? 'en' : 'zh');
  map.pm.setGlobalOptions({ snappable: true, snapDistance: 20 });
  map.on('moveend', () => saveViewInHash(map));
  window.addEventListener('hashchange', () => {
    const linked = viewFromHash();
    if (linked) map.setView(linked.center, linked.zoom);
  });
  // The side panels change the map's width; Leaflet must know, or clicks land beside the features.
  new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(map.getContainer());

  const panel = new Panel(document.getElementById('panel'));
  let editor;
  const layers = new AssetLayers(map, {
    collections, editingMinZoom: config.editingMinZoom,
    onFeatureClick: ({ collection, id }) => editor.open(collection, id),
  });
  editor = new Editor({ map, layers, schemas, collections, canEdit: !!me.canEdit, panel });
  const districts = await addDistricts(map).catch((error) => {
    toast(errorMessage(error), 'error');
    return { layer: null, names: new Map(), nameOf: districtNamer(null) };
  });
  let exportDialog;
  const selection = new AreaSelection({
    map, layers, panel, collections, districtNames: districts.names, districtName: districts.nameOf,
    onOpen: (collection, id) => editor.open(collection, id),
    onExport: (collection) => exportDialog.open({ scope: 'selection', collection }),
  });
  exportDialog = new ExportDialog({ map, collections, selectionArea: () => selection.area() });
  await layers.initialise();
  if (!layers.useTiles) toast(t('tilesFallback'), 'info');

  buildLegend(document.getElementById('legend'), collections, layers, districts.layer, map);
  setUpSearch(map, layers, editor);
  document.getElementById('add-button').addEventListener('click', () => chooseKindToAdd(collections, editor));
  document.getElementById('select-button').addEventListener('click', () => selection.start());
  document.getElementById('export-button').addEventListener('click', () => exportDialog.open({ scope: selection.area() ? 'selection' : 'collection' }));
  document.getElementById('lang-button').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
  document.getElementById('layers-toggle').addEventListener('click', () => document.body.classList.toggle('layers-open'));
  onLanguageChange((language) => map.pm.setLang(language === 'en' ? 'en' : 'zh'));
  map.on('zoomend', () => map.getContainer().classList.toggle('map-zoom-detail', map.getZoom() >= 15));
  map.fire('zoomend');

  // A handle for scripts and browser tests: the map, its layers and which assets are drawn.
  window.registryMap = { map, layers, editor, renderedIds: (collection) => layers.renderedIds(collection) };
  document.body.dataset.ready = 'true';
}

async function chooseKindToAdd(collections, editor) {
  const ordered = [...collections].sort((a, b) => drawOrder.indexOf(b.id) - drawOrder.indexOf(a.id));
  const choice = await ask({
    titleKey: 'chooseKind',
    body: el('p', { className: 'muted' }),
    buttons: [
      ...ordered.map((c) => ({ value: c.id, zh: c.title, en: c.description, className: 'button kind-choice' })),
      { value: 'cancel', labelKey: 'cancel', className: 'button' },
    ],
  });
  if (choice && choice !== 'cancel') await editor.startDrawing(choice);
}

function legendRow(label, shape, style) {
  return el('li', { className: 'legend-row' }, swatch(shape, style), label);
}

function buildLegend(container, collections, layers, districtsLayer, map) {
  clear(container);
  const kindList = el('ul', { className: 'layer-list' });
  const ordered = [...collections].sort((a, b) => drawOrder.indexOf(b.id) - drawOrder.indexOf(a.id));
  for (const c of ordered) {
    const { shape, style } = kindSymbol(c.id, c.geometryTypes ?? ['Point']);
    const checkbox = el('input', { type: 'checkbox', id: `layer-${c.id}`, dataset: { collection: c.id } });
    checkbox.checked = layers.isVisible(c.id);
    checkbox.addEventListener('change', () => layers.setVisible(c.id, checkbox.checked));
    const minZoom = layers.minZoomOf(c.id);
    const zoomNote = minZoom > map.getMinZoom() ? el('span', { className: 'zoom-note', title: t('zoomInToSee') }, `≥${minZoom}`) : null;
    kindList.append(el('li', {}, el('label', { className: 'layer-toggle', for: `layer-${c.id}` },
      checkbox, swatch(shape, style), bindPair(el('span', { className: 'layer-name' }), c.title, c.description), zoomNote)));
  }
  if (districtsLayer) {
    const checkbox = el('input', { type: 'checkbox', id: 'layer-districts', checked: true });
    checkbox.addEventListener('change', () => (checkbox.checked ? districtsLayer.addTo(map) : districtsLayer.remove()));
    kindList.append(el('li', {}, el('label', { className: 'layer-toggle', for: 'layer-districts' },
      checkbox, swatch('area', { color: '#5e35b1', weight: 1.5, dashArray: '4 3', fill: false }), bindText(el('span', { className: 'layer-name' }), 'districts'))));
  }

  const section = (titleKey, rows) => el('section', { className: 'legend-section' },
    bindText(el('h3'), titleKey), el('ul', { className: 'legend-list' }, rows));
  const conditionRows = Object.keys(conditionColors).map((code) =>
    legendRow(enumText('condition', code), 'point', { color: '#37474f', weight: 1, fillColor: conditionColors[code], radius: 5 }));
  const gradeRows = [...Object.keys(bridgeGradeColors).map((code) =>
    legendRow(enumText('condition_grade', code), 'line', { color: bridgeGradeColors[code], weight: 5 })),
  legendRow(bindText(el('span'), 'noGrade'), 'line', { color: '#607d8b', weight: 5 })];
  const riskRows = [...Object.keys(riskColors).map((code) =>
    legendRow(enumText('risk_level', code), 'point', { color: '#0d47a1', weight: 2, fillColor: riskColors[code], radius: 6 })),
  legendRow(bindText(el('span'), 'treatedLegend'), 'point', { color: '#0d47a1', weight: 2, fillColor: '#ffffff', radius: 6 })];
  const sewerRows = [...Object.keys(sewerSystemColors).map((code) =>
    legendRow(enumText('system', code), 'line', { color: sewerSystemColors[code], weight: 3 })),
  ...[200, 400, 800, 1200].map((mm) => legendRow(el('span', {}, `DN${mm}`), 'line', { color: '#546e7a', weight: sewerWeight(mm) }))];
  const statusRows = ['in_service', 'planned', 'retired'].map((code) =>
    legendRow(enumText('status', code), 'point', styleFor('manholes', { status: code, condition: 'good' }, 16)));

  container.append(
    bindText(el('h2', { id: 'legend-title' }), 'legend'),
    kindList,
    section('conditionLegend', conditionRows),
    section('bridgeGradeLegend', gradeRows),
    section('riskLegend', riskRows),
    section('sewerLegend', sewerRows),
    section('statusLegend', statusRows));
}

function enumText(attribute, code) {
  const span = el('span', { dataset: { enumAttribute: attribute, enumCode: code } });
  span.textContent = enumLabel(attribute, code);
  return span;
}

onLanguageChange(() => {
  for (const span of document.querySelectorAll('[data-enum-attribute][data-enum-code]'))
    span.textContent = enumLabel(span.dataset.enumAttribute, span.dataset.enumCode);
  for (const option of document.querySelectorAll('option[data-enum-attribute]'))
    option.textContent = enumLabel(option.dataset.enumAttribute, option.value);
});

function setUpSearch(map, layers, editor) {
  const input = document.getElementById('search');
  const list = document.getElementById('search-results');
  let timer;
  let request = 0;
  let matches = [];
  const hide = () => { list.hidden = true; };
  const go = (match) => {
    hide();
    input.value = match.code ?? match.name ?? '';
    const [minX, minY, maxX, maxY] = match.bbox;
    const target = Math.max(layers.editingMinZoom, 18);
    map.once('moveend', () => layers.whenLoaded(match.collection).then(() => editor.open(match.collection, match.id)));
    if (minX === maxX && minY === maxY) map.setView([minY, minX], target);
    else map.fitBounds([[minY, minX], [maxY, maxX]], { maxZoom: target, padding: [40, 40] });
  };
  const render = () => {
    clear(list);
    if (matches.length === 0) list.append(bindText(el('li', { className: 'search-empty' }), 'searchNoMatch'));
    for (const match of matches) {
      list.append(el('li', { role: 'option' }, el('button', { type: 'button', className: 'search-result', on: { click: () => go(match) } },
        el('span', { className: 'search-code', text: match.code ?? '' }), el('span', { className: 'search-name', text: match.name ?? '' }))));
    }
    list.hidden = false;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return hide();
    timer = setTimeout(async () => {
      const mine = ++request;
      try {
        const result = await getJson(`/api/assets/lookup?q=${encodeURIComponent(q)}&limit=10`);
        if (mine !== request) return;
        matches = result.matches;
        render();
      } catch (error) {
        toast(errorMessage(error), 'error');
      }
    }, 200);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && matches.length) { e.preventDefault(); go(matches[0]); }
    if (e.key === 'Escape') hide();
  });
  document.addEventListener('click', (e) => { if (!e.target.closest('.search')) hide(); });
}

/** Longitude and latitude under the cursor. */
const CoordinatesControl = L.Control.extend({
  onAdd(map) {
    const box = el('div', { className: 'coordinates leaflet-control', 'aria-live': 'off' });
    const show = (latlng) => {
      box.textContent = `${t('lon')} ${latlng.lng.toFixed(6)}  ${t('lat')} ${latlng.lat.toFixed(6)}  z${map.getZoom()}`;
    };
    map.on('mousemove', (e) => show(e.latlng));
    map.on('moveend', () => show(map.getCenter()));
    show(map.getCenter());
    return box;
  },
});

/** The view from a URL hash `#zoom/lat/lon`, so a view can be linked to. */
function viewFromHash() {
  const parts = location.hash.slice(1).split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  return { zoom: parts[0], center: [parts[1], parts[2]] };
}

function saveViewInHash(map) {
  const c = map.getCenter();
  const hash = `#${map.getZoom()}/${c.lat.toFixed(6)}/${c.lng.toFixed(6)}`;
  history.replaceState(null, '', location.pathname + location.search + hash);
}

main().catch((error) => {
  console.error(error);
  if (error?.status !== 401) toast(errorMessage(error), 'error');
});
