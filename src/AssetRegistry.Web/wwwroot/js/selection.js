// Select by polygon: the assets of every kind inside a drawn polygon, as a table; the table exports as a CSV
// summary, and each kind's assets inside the polygon export in any format through the export dialog.

import { postJson } from './api.js';
import { download, el } from './dom.js';
import { bindPair, bindText, enumLabel } from './i18n.js';
import { drawShape } from './editor.js';
import { errorMessage, toast } from './ui.js';

const selectionLimit = 5000;

export class AreaSelection {
  constructor({ map, layers, panel, collections, districtNames, districtName, onOpen, onExport }) {
    this.map = map;
    this.layers = layers;
    this.panel = panel;
    this.collections = new Map(collections.map((c) => [c.id, c]));
    /** adcode → Chinese name, for the CSV; and the name in the page's language, for the table. */
    this.districtNames = districtNames;
    this.districtName = districtName;
    this.onOpen = onOpen;
    this.onExport = onExport;
    this.outline = null;
  }

  async start() {
    this.panel.close();
    this.#clearOutline();
    const style = { color: '#00838f', weight: 2, dashArray: '6 4', fillColor: '#00bcd4', fillOpacity: 0.08 };
    const polygon = await drawShape(this.map, 'Polygon', 'drawSelection', { style });
    if (!polygon) return;
    polygon.options.pmIgnore = true;
    this.outline = polygon;
    try {
      const result = await postJson('/api/assets/search', { geometry: polygon.toGeoJSON(7).geometry, limit: selectionLimit });
      this.#show(result.assets);
    } catch (error) {
      toast(errorMessage(error), 'error');
      this.#clearOutline();
    }
  }

  /** The drawn selection polygon as GeoJSON (WGS 84), or null when none is shown. */
  area() {
    return this.outline ? this.outline.toGeoJSON(7).geometry : null;
  }

  #clearOutline() {
    this.outline?.remove();
    this.outline = null;
  }

  #kindPair(collection) {
    const c = this.collections.get(collection);
    return [c?.title ?? collection, c?.description ?? collection];
  }

  #show(assets) {
    const rows = assets.map((a) => {
      const [zh, en] = this.#kindPair(a.collection);
      return el('tr', { dataset: { id: a.id, collection: a.collection } },
        bindPair(el('td'), zh, en),
        el('td', {}, el('button', { type: 'button', className: 'link-button', on: { click: () => this.onOpen(a.collection, a.id) } }, a.code ?? String(a.id))),
        el('td', { text: a.name ?? '' }),
        el('td', { text: this.districtName(a.district) ?? '' }),
        el('td', { text: enumLabel('status', a.status) }),
        el('td', { text: enumLabel('condition', a.condition) }));
    });
    const count = el('p', { className: 'selection-count' }, el('strong', { text: String(assets.length) }), ' ', bindText(el('span'), 'selectionCount'));
    const truncated = assets.length >= selectionLimit
      ? el('p', { className: 'form-error' }, bindText(el('span'), 'selectionTruncated'), ` ${selectionLimit}`) : null;
    const exportCsv = bindText(el('button', { type: 'button', className: 'button', id: 'export-csv', on: { click: () => this.#exportCsv(assets) } }), 'exportCsv');
    // The kind with the most assets in the polygon is the dialog's first choice.
    const counts = new Map();
    for (const a of assets) counts.set(a.collection, (counts.get(a.collection) ?? 0) + 1);
    const mostFound = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
    const exportFiles = bindText(el('button', { type: 'button', className: 'button', id: 'export-selection', on: { click: () => this.onExport(mostFound) } }), 'exportSelection');
    const clearButton = bindText(el('button', { type: 'button', className: 'button', on: { click: () => this.panel.close() } }), 'clear');
    const header = el('tr', {}, ...['kind', 'code', 'name', 'district', 'status', 'condition'].map((key) => this.#header(key)));
    this.panel.open(bindText(el('span', { className: 'panel-kind' }), 'selection'),
      ...[count, truncated].filter(Boolean),
      el('div', { className: 'form-buttons' }, exportCsv, exportFiles, clearButton),
      el('div', { className: 'table-scroll' }, el('table', { className: 'selection-table' }, el('thead', {}, header), el('tbody', {}, rows))));
    this.panel.onNextClose(() => this.#clearOutline());
  }

  #header(key) {
    const titles = {
      kind: ['类型', 'Kind'], code: ['编码', 'Code'], name: ['名称', 'Name'], district: ['行政区', 'District'],
      status: ['状态', 'Status'], condition: ['状况', 'Condition'],
    };
    return bindPair(el('th', { scope: 'col' }), ...titles[key]);
  }

  #exportCsv(assets) {
    const header = ['collection', 'id', 'code', 'name', 'district', 'district_name', 'status', 'condition'];
    const lines = [header.join(',')];
    for (const a of assets) {
      lines.push([a.collection, a.id, a.code, a.name, a.district, this.districtNames.get(String(a.district)), a.status, a.condition]
        .map(csvField).join(','));
    }
    // The byte-order mark makes spreadsheet programs read the Chinese names as UTF-8.
    download(`assets-${timestamp()}.csv`, '\uFEFF' + lines.join('\r\n') + '\r\n', 'text/csv;charset=utf-8');
  }
}

function csvField(value) {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function timestamp() {
  return new Date().toISOString().slice(0, 19).replaceAll(':', '').replace('T', '-');
}
