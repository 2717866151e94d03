// The export dialog: one collection, a file format, a coordinate system and a scope (the whole collection, the
// current map view, or the polygon drawn with 框选). Whole collections and views download through a plain link,
// so the browser streams the file to disk; a drawn polygon is POSTed and its answer saved as a file.

import { getJson, postForFile } from './api.js';
import { clear, el } from './dom.js';
import { bindPair, bindText, t } from './i18n.js';
import { errorMessage, toast } from './ui.js';

const exportsUrl = (collection) => `/api/exports/${encodeURIComponent(collection)}`;

export class ExportDialog {
  /**
   * collections: the OGC collections (id, title, description); map: the Leaflet map (for the current view);
   * selectionArea: a function answering the drawn selection polygon as GeoJSON, or null when there is none.
   */
  constructor({ map, collections, selectionArea }) {
    this.map = map;
    this.collections = collections;
    this.selectionArea = selectionArea;
    this.options = null;
  }

  /** Opens the dialog; scope ('collection', 'view' or 'selection') and collection preselect its fields. */
  async open({ scope = 'collection', collection } = {}) {
    try {
      this.options ??= await getJson('/api/exports');
    } catch (error) {
      toast(errorMessage(error), 'error');
      return;
    }
    const dialog = document.getElementById('dialog');
    const area = this.selectionArea();
    const collectionSelect = el('select', { id: 'export-collection', name: 'collection' },
      this.collections.map((c) => bindPair(el('option', { value: c.id }), c.title, c.description)));
    if (collection) collectionSelect.value = collection;
    const formatSelect = el('select', { id: 'export-format', name: 'format' },
      this.options.formats.map((f) => bindPair(el('option', { value: f.id }), `${f.titleZh}（${f.extension}）`, `${f.titleEn} (${f.extension})`)));
    const crsSelect = el('select', { id: 'export-crs', name: 'crs' },
      this.options.crs.map((c) => bindPair(el('option', { value: c.uri }), `EPSG:${c.srid} ${c.titleZh}`, `EPSG:${c.srid} ${c.titleEn}`)));
    const scopes = [['collection', 'exportScopeCollection'], ['view', 'exportScopeView'], ['selection', 'exportScopeSelection']];
    const scopeInputs = scopes.map(([value]) => el('input', {
      type: 'radio', name: 'scope', value, id: `export-scope-${value}`,
      checked: value === (scope === 'selection' && !area ? 'collection' : scope), disabled: value === 'selection' && !area,
    }));
    const scopeList = el('fieldset', { className: 'export-scopes' }, bindText(el('legend'), 'exportScope'),
      scopes.map(([value, key], i) => el('label', { for: `export-scope-${value}`, className: 'export-scope' }, scopeInputs[i], bindText(el('span'), key))),
      area ? null : bindText(el('p', { className: 'muted' }), 'exportNoSelection'));
    const count = el('p', { className: 'export-count muted', id: 'export-count', 'aria-live': 'polite' });
    const status = el('p', { className: 'form-error', id: 'export-error', role: 'alert', hidden: true });
    const downloadButton = bindText(el('button', { type: 'submit', className: 'button button-primary', id: 'export-download' }), 'exportDownload');
    const cancelButton = bindText(el('button', { type: 'button', className: 'button', on: { click: () => dialog.close() } }), 'cancel');

    const field = (labelKey, input) => el('div', { className: 'field' },
      el('label', { for: input.id }, bindText(el('span', { className: 'field-title' }), labelKey)), input);
    const chosenScope = () => scopeInputs.find((i) => i.checked)?.value ?? 'collection';
    const query = () => {
      const params = new URLSearchParams({ format: formatSelect.value, crs: crsSelect.value });
      if (chosenScope() === 'view') params.set('bbox', viewBbox(this.map));
      return params;
    };

    let counted = null;
    const recount = async () => {
      status.hidden = true;
      if (chosenScope() === 'selection') { counted = null; count.textContent = ''; return; }
      const params = new URLSearchParams({ limit: '1' });
      if (chosenScope() === 'view') params.set('bbox', viewBbox(this.map));
      const mine = (recount.request = (recount.request ?? 0) + 1);
      try {
        const page = await getJson(`/ogc/collections/${encodeURIComponent(collectionSelect.value)}/items?${params}`);
        if (mine !== recount.request) return;
        counted = page.numberMatched;
        count.textContent = `${t('exportCount')} ${counted.toLocaleString()}`;
      } catch (error) {
        count.textContent = errorMessage(error);
      }
    };
    for (const input of [collectionSelect, ...scopeInputs]) input.addEventListener('change', recount);
    formatSelect.addEventListener('change', () => { status.hidden = true; });

    const submit = async (event) => {
      event.preventDefault();
      const collectionId = collectionSelect.value;
      if (formatSelect.value === 'xlsx' && counted !== null && counted > this.options.maxXlsxRows) {
        status.textContent = `${t('exportTooManyRows')} ${this.options.maxXlsxRows.toLocaleString()}`;
        status.hidden = false;
        return;
      }
      if (chosenScope() !== 'selection') {
        // A plain link: the browser streams the file to disk and shows its own progress.
        const link = el('a', { href: `${exportsUrl(collectionId)}?${query()}`, download: '' });
        document.body.append(link);
        link.click();
        link.remove();
        dialog.close();
        return;
      }
      downloadButton.disabled = true;
      bindText(downloadButton, 'exporting');
      try {
        const { blob, fileName } = await postForFile(`${exportsUrl(collectionId)}?${query()}`, { geometry: this.selectionArea() });
        const url = URL.createObjectURL(blob);
        const link = el('a', { href: url, download: fileName });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        dialog.close();
      } catch (error) {
        const fields = Object.values(error.fieldErrors ?? {}).flat();
        status.textContent = fields.length ? fields.join(' ') : errorMessage(error);
        status.hidden = false;
      } finally {
        downloadButton.disabled = false;
        bindText(downloadButton, 'exportDownload');
      }
    };

    clear(dialog).append(
      el('form', { className: 'dialog-form export-form', on: { submit } },
        bindText(el('h2', { id: 'dialog-title' }), 'exportTitle'),
        field('exportCollection', collectionSelect),
        field('exportFormat', formatSelect),
        field('exportCrs', crsSelect),
        scopeList,
        count,
        status,
        el('div', { className: 'dialog-buttons' }, cancelButton, downloadButton)));
    dialog.setAttribute('aria-labelledby', 'dialog-title');
    dialog.showModal();
    recount();
  }
}

/** The map view as a CRS84 bbox, clamped to valid longitudes and latitudes. */
function viewBbox(map) {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
    .map((v) => v.toFixed(6)).join(',');
}
