// Attribute forms generated from each kind's queryables, drawing, moving, reshaping and deleting with
// Leaflet-Geoman, undo of the last edit, and the conflict dialog: every write carries If-Match, and a 412 shows
// the user's version beside the current one before anything is written.

import { ApiError, createFeature, deleteFeature, getFeature, patchFeature } from './api.js';
import { el } from './dom.js';
import { bindPair, bindText, enumLabel, isEnglish, onLanguageChange, t } from './i18n.js';
import { renderHistory } from './history.js';
import { styleFor } from './styles.js';
import { ask, errorMessage, hideHint, showHint, toast } from './ui.js';

/** Farthest a drawn sewer end may be from a manhole to be joined to it, metres. */
const sewerSnapMetres = 5;

export class Editor {
  constructor({ map, layers, schemas, collections, canEdit, panel }) {
    this.map = map;
    this.layers = layers;
    this.schemas = schemas;
    this.collections = new Map(collections.map((c) => [c.id, c]));
    this.canEdit = canEdit;
    this.panel = panel;
    this.current = null;
    this.lastEdit = null;
    this.drawing = null;
    this.undoButton = document.getElementById('undo-button');
    this.undoButton.addEventListener('click', () => this.undo());
    this.#updateUndo();
    onLanguageChange(() => this.#updateUndo());
  }

  // ---- showing an asset ------------------------------------------------------------------------------------

  /** Opens an asset's form (and history tab); at editing zooms its shape becomes movable for editors. */
  async open(collection, id) {
    // A drag ends with a click on the dragged shape; the asset is already open, and reopening would drop the move.
    if (this.current && this.current.collection === collection && this.current.id === id) return;
    let loaded;
    try {
      loaded = await getFeature(collection, id);
    } catch (error) {
      toast(errorMessage(error), 'error');
      return;
    }
    this.#showFeature(collection, loaded.feature, loaded.etag);
  }

  #showFeature(collection, feature, etag, warnings = []) {
    this.#finish();
    const layer = this.layers.editableLayer(collection, feature.id);
    this.current = { collection, id: feature.id, feature, etag, isNew: false, layer, geometryDirty: false, warnings };
    this.layers.highlight(collection, feature.id);
    if (this.canEdit && layer) this.#enableShapeEditing(layer);
    this.#render();
  }

  /** Ends the current edit: stops shape editing, drops an unsaved new shape, releases the layer. */
  #finish() {
    const current = this.current;
    if (!current) return;
    this.current = null;
    if (current.layer?.pm?.enabled()) current.layer.pm.disable();
    current.layer?.off('pm:edit pm:dragend pm:markerdragend');
    if (current.isNew) current.layer?.remove();
    else if (current.geometryDirty) this.layers.refreshAfterWrite(current.collection);
    this.layers.pin(null);
    this.layers.clearHighlight();
  }

  close() {
    this.panel.close();
  }

  #enableShapeEditing(layer) {
    const current = this.current;
    this.layers.pin(current.collection, current.id, layer);
    layer.pm.enable({ draggable: true, snappable: true, allowSelfIntersection: false, preventMarkerRemoval: false });
    layer.on('pm:edit pm:dragend pm:markerdragend', () => {
      if (this.current !== current) return;
      current.geometryDirty = true;
      this.#showGeometryNote();
    });
  }

  #showGeometryNote() {
    const note = this.panel.body.querySelector('.geometry-note');
    if (note && this.current?.geometryDirty) {
      bindText(note, 'geometryChanged');
      note.classList.add('geometry-dirty');
    }
  }

  #kindTitle(collection) {
    const c = this.collections.get(collection);
    return [c?.title ?? collection, c?.description ?? collection];
  }

  #render(fieldErrors = {}, formError = null) {
    const current = this.current;
    const [zh, en] = this.#kindTitle(current.collection);
    const code = current.feature.properties?.code;
    const title = el('div', { className: 'panel-heading' },
      bindPair(el('span', { className: 'panel-kind' }), zh, en),
      current.isNew ? bindText(el('span', { className: 'panel-code' }), 'newAsset') : el('span', { className: 'panel-code', text: code ?? String(current.id) }));

    const attributesTab = bindText(el('button', { type: 'button', role: 'tab', className: 'tab', 'aria-selected': 'true' }), 'attributes');
    const historyTab = bindText(el('button', { type: 'button', role: 'tab', className: 'tab', 'aria-selected': 'false', disabled: current.isNew }), 'history');
    const formView = this.#form(fieldErrors, formError);
    if (current.warnings?.length) formView.prepend(this.#warnings(current.collection, current.warnings));
    const historyView = el('div', { className: 'history', hidden: true });
    attributesTab.addEventListener('click', () => {
      attributesTab.setAttribute('aria-selected', 'true');
      historyTab.setAttribute('aria-selected', 'false');
      formView.hidden = false;
      historyView.hidden = true;
    });
    historyTab.addEventListener('click', () => {
      attributesTab.setAttribute('aria-selected', 'false');
      historyTab.setAttribute('aria-selected', 'true');
      formView.hidden = true;
      historyView.hidden = false;
      renderHistory(historyView, current.id, this.schemas, (c) => this.#kindTitle(c));
    });
    this.panel.open(title, el('div', { className: 'tabs', role: 'tablist' }, attributesTab, historyTab), formView, historyView);
    this.panel.onNextClose(() => this.#finish());
  }

  #form(fieldErrors, formError) {
    const current = this.current;
    const schema = this.schemas.get(current.collection);
    const required = new Set(schema.required ?? []);
    const editable = this.canEdit;
    const inputs = new Map();
    const fields = [];
    for (const [name, property] of Object.entries(schema.properties)) {
      if (name === 'geometry') continue;
      if (current.isNew && property.readOnly) continue;
      const input = this.#input(name, property, current.feature.properties?.[name], required.has(name));
      input.disabled = !editable || !!property.readOnly;
      inputs.set(name, input);
      const labelText = bindPair(el('span', { className: 'field-title' }), property.title, property['x-title-en']);
      const unit = property['x-unit'] ? el('span', { className: 'field-unit', text: property['x-unit'] }) : null;
      const requiredMark = required.has(name) && !property.readOnly
        ? el('span', { className: 'field-required', 'aria-hidden': 'true', text: '*' }) : null;
      const errors = fieldErrors[name] ?? [];
      const errorBox = el('div', { className: 'field-error', id: `error-${name}`, role: errors.length ? 'alert' : null, hidden: errors.length === 0 },
        errors.join(' '));
      if (errors.length) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', `error-${name}`);
      }
      fields.push(el('div', { className: `field${property.readOnly ? ' field-readonly' : ''}${errors.length ? ' field-invalid' : ''}`, dataset: { field: name } },
        el('label', { for: `field-${name}` }, labelText, requiredMark, unit), input, errorBox));
    }
    current.inputs = inputs;

    const geometryErrors = fieldErrors.geometry ?? [];
    const otherErrors = Object.entries(fieldErrors)
      .filter(([name]) => name !== 'geometry' && !inputs.has(name))
      .flatMap(([name, messages]) => messages.map((m) => `${name}: ${m}`));
    const note = el('p', { className: 'geometry-note' });
    if (!editable) bindText(note, 'readOnlyUser');
    else if (current.geometryDirty) { bindText(note, 'geometryChanged'); note.classList.add('geometry-dirty'); }
    else if (current.layer) bindText(note, 'geometryEditable');
    else bindText(note, 'editGeometry');

    const buttons = el('div', { className: 'form-buttons' });
    if (editable) {
      buttons.append(bindText(el('button', { type: 'submit', className: 'button button-primary', id: 'save-button' }), 'save'));
      if (!current.isNew)
        buttons.append(bindText(el('button', { type: 'button', className: 'button button-danger', id: 'delete-button', on: { click: () => this.delete() } }), 'delete'));
    }
    if (!current.isNew)
      buttons.append(bindText(el('button', { type: 'button', className: 'button', on: { click: () => this.zoomTo() } }), current.layer || !editable ? 'zoomTo' : 'editGeometry'));
    buttons.append(bindText(el('button', { type: 'button', className: 'button', on: { click: () => this.close() } }), current.isNew ? 'cancel' : 'close'));

    const form = el('form', { className: 'asset-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); this.save(); } } },
      formError ? el('div', { className: 'form-error', role: 'alert', id: 'form-error' }, formError) : null,
      geometryErrors.length ? el('div', { className: 'form-error', role: 'alert', dataset: { field: 'geometry' } }, `${t('geometry')}: ${geometryErrors.join(' ')}`) : null,
      otherErrors.length ? el('div', { className: 'form-error', role: 'alert' }, otherErrors.join(' ')) : null,
      note,
      el('div', { className: 'fields' }, fields),
      buttons);
    return form;
  }

  #input(name, property, value, isRequired) {
    const id = `field-${name}`;
    if (property.enum) {
      const select = el('select', { id, name });
      if (!isRequired || value === null || value === undefined) select.append(el('option', { value: '' }, t('empty')));
      for (const code of property.enum) {
        const option = el('option', { value: code });
        option.textContent = enumLabel(name, code);
        option.dataset.enumAttribute = name;
        select.append(option);
      }
      select.value = value ?? '';
      return select;
    }
    if (property.type === 'boolean') {
      const select = el('select', { id, name },
        bindText(el('option', { value: '' }), 'empty'), bindText(el('option', { value: 'true' }), 'yes'), bindText(el('option', { value: 'false' }), 'no'));
      select.value = value === true ? 'true' : value === false ? 'false' : '';
      return select;
    }
    if (property.type === 'integer' || property.type === 'number') {
      return el('input', {
        id, name, type: 'number', inputmode: property.type === 'integer' ? 'numeric' : 'decimal',
        step: property.type === 'integer' ? '1' : 'any', min: property.minimum, max: property.maximum,
        value: value ?? '',
      });
    }
    if (property.format === 'date') return el('input', { id, name, type: 'date', value: value ?? '' });
    if (property.format === 'date-time') {
      return el('input', { id, name, type: 'text', value: value ? new Date(value).toLocaleString(isEnglish() ? 'en-GB' : 'zh-CN') : '' });
    }
    return el('input', { id, name, type: 'text', maxlength: property.maxLength, value: value ?? '', autocomplete: 'off' });
  }

  /** The form's value of one property, typed as the API expects (null when empty). */
  #valueOf(name) {
    const property = this.schemas.get(this.current.collection).properties[name];
    const input = this.current.inputs.get(name);
    const raw = input.value.trim();
    if (raw === '') return null;
    if (property.type === 'boolean') return raw === 'true';
    if (property.type === 'integer' || property.type === 'number') {
      const number = Number(raw);
      return Number.isFinite(number) ? number : raw;
    }
    return raw;
  }

  /** Properties the user changed (all filled ones for a new asset); read-only ones are never sent. */
  #changedProperties() {
    const current = this.current;
    const schema = this.schemas.get(current.collection);
    const changed = {};
    for (const name of current.inputs.keys()) {
      if (schema.properties[name].readOnly) continue;
      const value = this.#valueOf(name);
      const before = current.feature.properties?.[name] ?? null;
      if (current.isNew ? value !== null : !sameValue(value, before)) changed[name] = value;
    }
    return changed;
  }

  // ---- writing ---------------------------------------------------------------------------------------------

  async save() {
    const current = this.current;
    if (!current || !this.canEdit) return;
    const properties = this.#changedProperties();
    const saveButton = document.getElementById('save-button');
    if (saveButton) saveButton.disabled = true;
    try {
      if (current.isNew) {
        const geometry = current.layer.toGeoJSON(7).geometry;
        const created = await createFeature(current.collection, { type: 'Feature', geometry, properties });
        current.layer.remove();
        this.#remember({ kind: 'create', collection: current.collection, id: created.feature.id, etag: created.etag, code: created.feature.properties.code });
        await this.#afterWrite(current.collection, created.feature, created.etag, 'created');
        return;
      }
      const patch = { properties };
      if (current.geometryDirty) patch.geometry = current.layer.toGeoJSON(7).geometry;
      if (Object.keys(properties).length === 0 && !patch.geometry) {
        toast(t('saved'), 'success');
        return;
      }
      await this.#applyPatch(current, patch);
    } catch (error) {
      this.#showError(error);
    } finally {
      if (saveButton?.isConnected) saveButton.disabled = false;
    }
  }

  async #applyPatch(current, patch) {
    try {
      const updated = await patchFeature(current.collection, current.id, patch, current.etag);
      this.#remember({ kind: 'update', collection: current.collection, id: current.id, etag: updated.etag, code: updated.feature.properties.code, inverse: inverseOf(patch, current.feature) });
      await this.#afterWrite(current.collection, updated.feature, updated.etag, 'saved');
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await this.#resolveConflict(current, patch);
        return;
      }
      throw error;
    }
  }

  /** Shows the user's version beside the current one; nothing is written until the user chooses. */
  async #resolveConflict(current, patch) {
    let latest = null;
    try {
      latest = await getFeature(current.collection, current.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    if (!latest) {
      await ask({ titleKey: 'conflictTitle', body: bindText(el('p'), 'conflictDeleted'), buttons: [{ value: 'close', labelKey: 'close', className: 'button' }] });
      this.close();
      await this.layers.refreshAfterWrite(current.collection);
      return;
    }
    const choice = await ask({
      titleKey: 'conflictTitle',
      body: this.#conflictTable(current, patch, latest.feature),
      buttons: [
        { value: 'reload', labelKey: 'reload', className: 'button' },
        { value: 'reapply', labelKey: 'reapply', className: 'button button-primary' },
        { value: 'cancel', labelKey: 'cancel', className: 'button' },
      ],
    });
    if (choice === 'reload') {
      current.geometryDirty = false;
      await this.layers.refreshAfterWrite(current.collection);
      this.#showFeature(current.collection, latest.feature, latest.etag);
    } else if (choice === 'reapply') {
      current.feature = latest.feature;
      current.etag = latest.etag;
      await this.#applyPatch(current, patch);
    }
  }

  #conflictTable(current, patch, latest) {
    const schema = this.schemas.get(current.collection);
    const names = new Set(Object.keys(patch.properties ?? {}));
    // Also show what the other user changed, so the user sees every difference before choosing.
    for (const [name, value] of Object.entries(latest.properties ?? {})) {
      const property = schema.properties[name];
      if (property && !property.readOnly && !sameValue(value, current.feature.properties?.[name] ?? null)) names.add(name);
    }
    const rows = [...names].map((name) => {
      const property = schema.properties[name] ?? {};
      const mine = name in (patch.properties ?? {}) ? patch.properties[name] : current.feature.properties?.[name];
      return el('tr', { dataset: { property: name } },
        bindPair(el('th', { scope: 'row' }), property.title ?? name, property['x-title-en'] ?? name),
        el('td', { className: 'conflict-mine' }, displayValue(name, property, mine)),
        el('td', { className: 'conflict-current' }, displayValue(name, property, latest.properties?.[name])));
    });
    if (patch.geometry) {
      rows.push(el('tr', { dataset: { property: 'geometry' } },
        bindText(el('th', { scope: 'row' }), 'geometry'),
        bindText(el('td', { className: 'conflict-mine' }), 'changedShape'),
        el('td', { className: 'conflict-current' }, JSON.stringify(latest.geometry?.coordinates ?? null).slice(0, 60))));
    }
    const by = latest.properties?.updated_by ?? '';
    const at = latest.properties?.updated_at ? new Date(latest.properties.updated_at).toLocaleString(isEnglish() ? 'en-GB' : 'zh-CN') : '';
    return el('div', { className: 'conflict' },
      bindText(el('p'), 'conflictIntro'),
      el('p', { className: 'conflict-by' }, bindText(el('span'), 'conflictChangedBy'), ': ', el('strong', { text: by }), ` · ${at} · `,
        bindText(el('span'), 'version'), ` ${latest.properties?.version ?? ''}`),
      el('div', { className: 'table-scroll' },
        el('table', { className: 'conflict-table' },
          el('thead', {}, el('tr', {}, bindText(el('th'), 'property'), bindText(el('th'), 'yourVersion'), bindText(el('th'), 'currentVersion'))),
          el('tbody', {}, rows))));
  }

  async delete() {
    const current = this.current;
    if (!current || current.isNew || !this.canEdit) return;
    const code = current.feature.properties?.code ?? String(current.id);
    const choice = await ask({
      titleKey: 'confirmDeleteTitle',
      body: el('p', {}, bindText(el('span'), 'confirmDelete'), ' ', el('strong', { text: code })),
      buttons: [
        { value: 'cancel', labelKey: 'cancel', className: 'button' },
        { value: 'delete', labelKey: 'delete', className: 'button button-danger' },
      ],
    });
    if (choice !== 'delete') return;
    await this.#deleteWith(current, current.etag);
  }

  async #deleteWith(current, etag) {
    try {
      await deleteFeature(current.collection, current.id, etag);
      this.#remember({ kind: 'delete', collection: current.collection, id: current.id, code: current.feature.properties?.code, before: current.feature });
      current.isNew = false;
      current.geometryDirty = false;
      this.close();
      toast(t('deleted'), 'success');
      await this.layers.refreshAfterWrite(current.collection);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const latest = await getFeature(current.collection, current.id).catch(() => null);
        if (!latest) return this.close();
        const choice = await ask({
          titleKey: 'conflictTitle',
          body: this.#conflictTable(current, { properties: {} }, latest.feature),
          buttons: [
            { value: 'reload', labelKey: 'reload', className: 'button' },
            { value: 'reapply', labelKey: 'delete', className: 'button button-danger' },
            { value: 'cancel', labelKey: 'cancel', className: 'button' },
          ],
        });
        if (choice === 'reload') this.#showFeature(current.collection, latest.feature, latest.etag);
        else if (choice === 'reapply') await this.#deleteWith(current, latest.etag);
        return;
      }
      this.#showError(error);
    }
  }

  /** After a write: the stored feature in the panel, and what the write was told (the API's `warnings` member,
   * e.g. a sewer segment sloping the wrong way) kept above the form until the next write, not only in a toast. */
  async #afterWrite(collection, stored, etag, doneKey) {
    const { warnings = [], ...feature } = stored;
    if (warnings.length) toast(t('savedWithWarnings') + warnings.map((w) => w.message).join(' '), 'warning');
    else toast(t(doneKey), 'success');
    if (this.current) {
      this.current.isNew = false;
      this.current.geometryDirty = false;
    }
    this.#finish();
    await this.layers.refreshAfterWrite(collection);
    this.#showFeature(collection, feature, etag, warnings);
    this.panel.body.querySelector('.write-warnings')?.scrollIntoView({ block: 'nearest' });
  }

  #warnings(collection, warnings) {
    const schema = this.schemas.get(collection);
    return el('div', { className: 'write-warnings', role: 'status' },
      bindText(el('strong'), 'savedWithWarnings'),
      el('ul', {}, ...warnings.map((w) => {
        const property = schema?.properties?.[w.field];
        return el('li', { dataset: { field: w.field } },
          bindPair(el('span', { className: 'write-warning-field' }), property?.title ?? w.field, property?.['x-title-en'] ?? w.field),
          '：', el('span', { text: w.message }));
      })));
  }

  #showError(error) {
    if (!(error instanceof ApiError)) {
      console.error(error);
      toast(t('errorGeneric') + error.message, 'error');
      return;
    }
    const message = errorMessage(error);
    if (this.current && (error.status === 400 || error.status === 422 || error.status === 409)) {
      const values = new Map([...this.current.inputs].map(([name, input]) => [name, input.value]));
      this.#render(error.fieldErrors, message);
      for (const [name, value] of values) {
        const input = this.current.inputs.get(name);
        if (input && !input.disabled) input.value = value;
      }
      this.panel.body.querySelector('.field-invalid input, .field-invalid select')?.focus();
    }
    toast(message, 'error');
  }

  // ---- undo ------------------------------------------------------------------------------------------------

  #remember(edit) {
    this.lastEdit = edit;
    this.#updateUndo();
  }

  #updateUndo() {
    const edit = this.lastEdit;
    this.undoButton.disabled = !edit || !this.canEdit;
    this.undoButton.hidden = !this.canEdit;
    const operation = edit ? t({ create: 'opCreate', update: 'opUpdate', delete: 'opDelete' }[edit.kind]) : '';
    this.undoButton.title = edit ? `${t('undoOf')}${operation} ${edit.code ?? edit.id}` : t('undoNothing');
  }

  /** Re-applies the inverse of the last edit through the API, with the If-Match of the version it produced. */
  async undo() {
    const edit = this.lastEdit;
    if (!edit) return;
    this.lastEdit = null;
    this.#updateUndo();
    try {
      if (edit.kind === 'create') {
        if (this.current?.id === edit.id) this.close();
        await deleteFeature(edit.collection, edit.id, edit.etag);
      } else if (edit.kind === 'update') {
        const restored = await patchFeature(edit.collection, edit.id, edit.inverse, edit.etag);
        if (this.current?.id === edit.id) {
          await this.#afterWrite(edit.collection, restored.feature, restored.etag);
        }
      } else {
        const schema = this.schemas.get(edit.collection);
        const properties = Object.fromEntries(Object.entries(edit.before.properties ?? {})
          .filter(([name, value]) => value !== null && schema.properties[name] && !schema.properties[name].readOnly));
        await createFeature(edit.collection, { type: 'Feature', geometry: edit.before.geometry, properties });
      }
      toast(t('undone'), 'success');
      await this.layers.refreshAfterWrite(edit.collection);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        toast(t('conflictTitle'), 'error');
        if (edit.id) await this.open(edit.collection, edit.id);
        return;
      }
      toast(errorMessage(error), 'error');
    }
  }

  // ---- drawing ---------------------------------------------------------------------------------------------

  /** Starts drawing a new asset of a kind; zooms in to the editing level first so neighbours can be snapped to. */
  async startDrawing(collection) {
    if (!this.canEdit) return;
    this.close();
    await this.layers.ensureEditingZoom();
    const kind = this.collections.get(collection);
    const types = kind.geometryTypes ?? ['Point'];
    const shape = types.includes('Point') ? 'CircleMarker' : types.includes('LineString') ? 'Line' : 'Polygon';
    const hint = collection === 'sewer_segments' ? 'drawSewer' : shape === 'CircleMarker' ? 'drawPoint' : shape === 'Line' ? 'drawLine' : 'drawPolygon';
    const layer = await drawShape(this.map, shape, hint, {
      style: styleFor(collection, { status: 'in_service', condition: 'unknown' }, this.map.getZoom()),
      snapTo: collection === 'sewer_segments' ? ['manholes'] : null,
      layers: this.layers,
    });
    if (!layer) return;
    const properties = {};
    if (collection === 'sewer_segments') Object.assign(properties, this.#joinSewerEnds(layer));
    this.current = { collection, id: null, feature: { type: 'Feature', properties }, etag: null, isNew: true, layer, geometryDirty: true };
    layer.pm.enable({ draggable: true, snappable: true, allowSelfIntersection: false });
    this.#render();
  }

  /** Moves each end of a drawn sewer onto its nearest loaded manhole and names them upstream and downstream. */
  #joinSewerEnds(layer) {
    const latlngs = layer.getLatLngs();
    const manholes = this.layers.manholes();
    const nearest = (latlng) => {
      let best = null;
      for (const manhole of manholes) {
        const metres = this.map.distance(latlng, manhole.latlng);
        if (metres <= sewerSnapMetres && (!best || metres < best.metres)) best = { ...manhole, metres };
      }
      return best;
    };
    const upstream = nearest(latlngs[0]);
    const downstream = nearest(latlngs[latlngs.length - 1]);
    if (upstream) latlngs[0] = upstream.latlng;
    if (downstream) latlngs[latlngs.length - 1] = downstream.latlng;
    layer.setLatLngs(latlngs);
    if (!upstream || !downstream) toast(t('sewerEndsNotSnapped'), 'error');
    return { upstream_manhole_id: upstream?.id ?? null, downstream_manhole_id: downstream?.id ?? null, system: 'sewage' };
  }

  zoomTo() {
    const current = this.current;
    if (!current?.feature?.geometry) return;
    const shape = L.geoJSON(current.feature.geometry);
    const bounds = shape.getBounds();
    const editingZoom = this.layers.editingMinZoom;
    const reopen = () => {
      this.#finish();
      this.open(current.collection, current.id);
    };
    this.map.once('moveend', () => setTimeout(() => this.layers.whenLoaded(current.collection).then(reopen), 0));
    if (bounds.getNorthEast().equals(bounds.getSouthWest())) this.map.setView(bounds.getCenter(), Math.max(this.map.getZoom(), editingZoom + 1));
    else this.map.fitBounds(bounds, { maxZoom: Math.max(editingZoom + 1, 18), padding: [40, 40] });
  }
}

/**
 * Lets the user draw one shape with Geoman ('CircleMarker', 'Line', 'Polygon'), showing a hint with a cancel
 * button; resolves to the drawn layer, or null when cancelled.
 */
export function drawShape(map, shape, hintKey, { style, snapTo = null, layers = null } = {}) {
  return new Promise((resolve) => {
    let finished = false;
    const end = (layer) => {
      if (finished) return;
      finished = true;
      map.off('pm:create', created);
      map.pm.disableDraw();
      layers?.setSnapTargets(null);
      hideHint();
      resolve(layer);
    };
    const created = (e) => end(e.layer);
    layers?.setSnapTargets(snapTo);
    map.on('pm:create', created);
    map.pm.enableDraw(shape, {
      snappable: true, snapDistance: 25, continueDrawing: false, finishOn: null, allowSelfIntersection: false,
      pathOptions: style, templineStyle: style, hintlineStyle: { ...style, dashArray: '5 5' }, markerStyle: style,
    });
    showHint(hintKey, () => end(null));
  });
}

function sameValue(a, b) {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b;
}

/** The merge patch that puts back what a patch changed, from the feature as it was before. */
function inverseOf(patch, before) {
  const inverse = { properties: {} };
  for (const name of Object.keys(patch.properties ?? {})) inverse.properties[name] = before.properties?.[name] ?? null;
  if (patch.geometry) inverse.geometry = before.geometry;
  return inverse;
}

/** A property value as the user reads it: enumeration labels, yes/no, dates; "(empty)" for none. */
export function displayValue(name, property, value) {
  if (value === null || value === undefined || value === '') return t('empty');
  if (property?.enum) return enumLabel(name, value);
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (property?.format === 'date-time') return new Date(value).toLocaleString(isEnglish() ? 'en-GB' : 'zh-CN');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value) + (property?.['x-unit'] ? ` ${property['x-unit']}` : '');
}

