// The imports page: choose a collection and a file, upload it with progress (POST /api/imports), follow the dry run
// (GET /api/imports/{id}), adjust the field mapping, read the refused rows, then commit all-or-nothing (the
// default) or, deliberately and after a confirmation, only the valid rows.
//
// The mapping: for CSV and GeoJSON the page reads the header from the file's start and the mapping is chosen before
// the upload; for every format the run shows the mapping the check used, and changing it means uploading the file
// again with the new mapping ("Check again"), which replaces (discards) the earlier run. Nothing is written before
// a commit.

import { ApiError, getJson, sendJson } from '../api.js';
import { clear, el } from '../dom.js';
import { currentLanguage, onLanguageChange, pick, setLanguage, translate } from '../i18n.js';
import { crsChoices, tr } from './messages.js';
import { formatOf, guessAttribute, readFields } from './preview.js';
import { uploadImport } from './upload.js';

/** Runs in these states change on their own: the page polls them. */
const movingStates = new Set(['validating', 'importing']);
const pollMilliseconds = 1000;
const refusalsPageSize = 50;

const $ = (id) => document.getElementById(id);
const form = $('upload-form');

const state = {
  collections: [],
  /** collection id → [{name, titleZh, titleEn}], the attributes an import may fill. */
  attributes: new Map(),
  /** [{field, sample, target}] read from the chosen CSV or GeoJSON, or null. */
  preview: null,
  run: null,
  /** field → attribute, as edited in the run's mapping table. */
  runMapping: {},
  refusals: null,
  refusalsOffset: 0,
  recent: [],
  upload: null,
  pollTimer: 0,
};

async function main() {
  translate();
  setTitle();
  $('lang-button').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
  try {
    const [me, collections] = await Promise.all([getJson('/api/me'), getJson('/ogc/collections')]);
    $('user-name').textContent = me.userName ?? '';
    state.collections = collections.collections ?? [];
  } catch (error) {
    clear($('status')).append(el('span', { className: 'error', text: tr('loadFailed') + describe(error) }));
    document.body.dataset.ready = 'true';
    return;
  }
  $('status').hidden = true;
  $('upload-card').hidden = false;
  $('recent-card').hidden = false;
  renderCollections();
  renderCrs();

  $('collection').addEventListener('change', () => refreshPreview());
  $('file').addEventListener('change', () => refreshPreview());
  $('format').addEventListener('change', () => refreshPreview());
  $('crs').addEventListener('change', renderCrsHint);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit(state.preview ? mappingOf(state.preview) : null);
  });
  $('commit-all').addEventListener('click', () => commit('all-or-nothing'));
  $('commit-valid').addEventListener('click', confirmValidRows);
  $('discard').addEventListener('click', discard);
  $('recent-refresh').addEventListener('click', loadRecent);
  onLanguageChange(async () => {
    setTitle();
    renderCollections();
    renderCrs();
    renderFileInfo();
    renderPreview();
    renderRun();
    renderRecent();
    // The server words the refusal reasons in the request's language: fetch the page shown again.
    if (state.run && state.refusals && !state.refusals.error && state.refusals.items?.length > 0) {
      await loadRefusals(state.refusalsOffset);
      renderRefusals();
    }
  });

  await loadRecent();
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('run');
  if (fromHash) await openRun(fromHash);
  window.registryImports = { state };
  document.body.dataset.ready = 'true';
}

function setTitle() {
  document.title = `${tr('pageTitle')} · ${pick('泉州市市政设施资产登记', 'Quanzhou infrastructure asset registry')}`;
}

const collectionTitle = (c) => pick(c.title, c.description) || c.id;

function renderCollections() {
  const select = $('collection');
  const chosen = select.value;
  clear(select).append(
    el('option', { value: '', text: tr('chooseCollection') }),
    ...state.collections.map((c) => el('option', { value: c.id, text: collectionTitle(c) })),
  );
  select.value = chosen;
}

function renderCrs() {
  const select = $('crs');
  const chosen = select.value;
  clear(select).append(
    el('option', { value: '', text: tr('crsFromFile') }),
    ...crsChoices.map((c) => el('option', { value: c.uri, text: pick(c.zh, c.en) })),
  );
  select.value = chosen;
  renderCrsHint();
}

function chosenFormat() {
  const file = $('file').files[0];
  return $('format').value || (file ? formatOf(file.name) : '');
}

function renderCrsHint() {
  $('crs-hint').textContent = $('crs').value ? '' : (chosenFormat() === 'csv' ? tr('crsCsvHint') : tr('crsFileHint'));
}

/** The attributes of a collection an import may fill (its queryables less geometry and read-only ones), cached. */
async function attributesOf(collection) {
  if (!collection) return [];
  if (!state.attributes.has(collection)) {
    const schema = await getJson(`/ogc/collections/${encodeURIComponent(collection)}/queryables`);
    state.attributes.set(collection, Object.entries(schema.properties ?? {})
      .filter(([name, s]) => name !== 'geometry' && !s.readOnly)
      .map(([name, s]) => ({ name, titleZh: s.title ?? name, titleEn: s['x-title-en'] ?? s.title ?? name })));
  }
  return state.attributes.get(collection);
}

/** Reads the chosen file's fields (CSV, GeoJSON) and prefills the mapping from the collection's attributes. */
async function refreshPreview() {
  clearFieldErrors();
  const file = $('file').files[0];
  const format = chosenFormat();
  renderFileInfo();
  state.preview = null;
  if (file && format) {
    try {
      const [fields, attributes] = await Promise.all([readFields(file, format), attributesOf($('collection').value)]);
      state.preview = fields?.map((f) => ({ ...f, target: f.geometry ? '' : guessAttribute(f.field, attributes) })) ?? null;
    } catch {
      state.preview = null;
    }
  }
  renderPreview();
}

function renderFileInfo() {
  const file = $('file').files[0];
  const format = chosenFormat();
  $('file-info').textContent = file
    ? (format ? `${tr('fileInfo')}${format} · ${formatSize(file.size)}` : tr('formatUnknown'))
    : '';
  renderCrsHint();
}

function renderPreview() {
  const box = clear($('preview-mapping'));
  const format = chosenFormat();
  if (!state.preview && (format === 'shapefile' || format === 'geopackage')) {
    box.hidden = false;
    box.append(el('p', { className: 'note', text: tr('mappingBinaryNote') }));
    return;
  }
  box.hidden = !state.preview;
  if (!state.preview) return;
  const attributes = state.attributes.get($('collection').value) ?? [];
  if (format === 'csv' && !state.preview.some((row) => row.geometry))
    box.append(el('p', { className: 'field-error', id: 'preview-no-geometry', role: 'alert', text: tr('csvNoGeometry') }));
  box.append(mappingTable(state.preview, attributes, (row, target) => { row.target = target; }, tr('mappingPreviewNote'), true));
}

const geometryTitles = { wkt: 'geometryWkt', x: 'geometryX', y: 'geometryY' };

/** The mapping table: one row per source field with a select of the collection's attributes. */
function mappingTable(rows, attributes, onChange, note, withSamples) {
  const table = el('table', { className: 'data-table mapping-table' },
    el('thead', {}, el('tr', {},
      el('th', { text: tr('sourceField') }),
      withSamples ? el('th', { text: tr('sample') }) : null,
      el('th', { text: tr('targetAttribute') }))),
    el('tbody', {}, rows.map((row) => {
      if (row.geometry) {
        return el('tr', { className: 'geometry-column', dataset: { field: row.field } },
          el('td', { text: row.field }),
          withSamples ? el('td', { className: 'sample', text: row.sample ?? '' }) : null,
          el('td', { text: tr(geometryTitles[row.geometry]) }));
      }
      const select = el('select', { 'aria-label': `${tr('targetAttribute')}: ${row.field}`, dataset: { field: row.field } },
        el('option', { value: '', text: tr('ignore') }),
        attributes.map((a) => el('option', { value: a.name, text: `${pick(a.titleZh, a.titleEn)} (${a.name})` })));
      select.value = row.target ?? '';
      select.addEventListener('change', () => onChange(row, select.value));
      return el('tr', {},
        el('td', { text: row.field }),
        withSamples ? el('td', { className: 'sample', text: row.sample ?? '' }) : null,
        el('td', {}, select));
    })));
  return el('div', { className: 'mapping' }, el('h3', { text: tr('mappingTitle') }), el('p', { className: 'note', text: note }), table);
}

/** {sourceField: attribute} for the fields given a target; fields left on "do not import" and the geometry's
 * columns are left out. */
function mappingOf(rows) {
  return Object.fromEntries(rows.filter((r) => r.target && !r.geometry).map((r) => [r.field, r.target]));
}

/** Uploads the chosen file with the form's options and the mapping (null: let the server map by name). */
async function submit(mapping, { replacing } = {}) {
  clearFieldErrors();
  $('upload-error').hidden = true;
  const file = $('file').files[0];
  const collection = replacing?.collection ?? $('collection').value;
  let invalid = false;
  if (!collection) invalid = markField('collection', tr('chooseCollection'));
  if (!file) invalid = markField('file', tr('chooseFile'));
  if (invalid) return;
  const fields = {
    collection,
    format: $('format').value,
    crs: $('crs').value,
    gcj02: String($('gcj02').checked),
    matchOnCode: String($('match-on-code').checked),
    mapping: mapping && Object.keys(mapping).length ? JSON.stringify(mapping) : '',
  };
  const button = $('upload-button');
  button.disabled = true;
  $('upload-progress').hidden = false;
  showUploadProgress(0, file.size);
  try {
    state.upload = uploadImport(fields, file, showUploadProgress);
    const run = await state.upload;
    // The run's own card follows the check from here.
    $('upload-progress').hidden = true;
    if (replacing && replacing.status === 'validated') {
      // The earlier check is replaced by the new one; it never wrote anything.
      await sendJson(`/api/imports/${encodeURIComponent(replacing.id)}`, { method: 'DELETE' }).catch(() => {});
    }
    await showRun(run);
    loadRecent();
  } catch (error) {
    showProblem($('upload-error'), error, true);
  } finally {
    state.upload = null;
    button.disabled = false;
  }
}

function showUploadProgress(loaded, total) {
  const share = total > 0 ? loaded / total : 0;
  $('upload-bar').value = share;
  $('upload-text').textContent = `${tr('uploading')} ${Math.floor(share * 100)} % (${formatSize(loaded)} / ${formatSize(total)})`;
}

async function openRun(id) {
  try {
    await showRun(await readRun(id));
  } catch (error) {
    $('run-card').hidden = false;
    showProblem($('run-error'), error.status === 404 ? new ApiError(404, { detail: tr('runNotFound') }) : error, false);
  }
}

async function readRun(id) {
  return (await sendJson(`/api/imports/${encodeURIComponent(id)}`)).json;
}

/** Shows a run and follows it while it moves. */
async function showRun(run) {
  const changedRun = state.run?.id !== run.id;
  const changedState = changedRun || state.run?.status !== run.status;
  state.run = run;
  if (changedRun) {
    state.runMapping = { ...(run.mapping ?? {}) };
    state.refusals = null;
    state.refusalsOffset = 0;
    history.replaceState(null, '', `#run=${encodeURIComponent(run.id)}`);
    $('commit-error').hidden = true;
  }
  if (run.collection) await attributesOf(run.collection).catch(() => []);
  if (changedState && !movingStates.has(run.status) && (run.rowsRefused ?? 0) > 0) await loadRefusals(0);
  renderRun();
  clearTimeout(state.pollTimer);
  if (movingStates.has(run.status)) state.pollTimer = setTimeout(() => poll(run.id), pollMilliseconds);
  // A run followed to its end: the recent list, loaded while it was still moving, shows it as it is now.
  else if (!changedRun && changedState) loadRecent();
}

async function poll(id) {
  if (state.run?.id !== id) return;
  try {
    await showRun(await readRun(id));
  } catch (error) {
    if (error.status === 0) state.pollTimer = setTimeout(() => poll(id), pollMilliseconds * 5);
    else showProblem($('run-error'), error, false);
  }
}

const statusKeys = {
  validating: 'statusValidating', validated: 'statusValidated', importing: 'statusImporting',
  done: 'statusDone', failed: 'statusFailed', discarded: 'statusDiscarded', expired: 'statusExpired',
};

function renderRun() {
  const run = state.run;
  const card = $('run-card');
  if (!run) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  card.dataset.status = run.status;
  const badge = $('run-status');
  badge.textContent = tr(statusKeys[run.status] ?? run.status);
  badge.className = `run-status status-${run.status}`;
  const collection = state.collections.find((c) => c.id === run.collection);
  $('run-file').textContent = [
    run.fileName, collection ? collectionTitle(collection) : run.collection, run.format,
    run.crs ? tr('crs') + run.crs : '', run.createdBy ? tr('by') + run.createdBy : '',
    dateTime(run.createdAt),
  ].filter(Boolean).join(' · ');

  const moving = movingStates.has(run.status);
  $('run-progress').hidden = !moving;
  $('run-bar').value = Math.max(0, Math.min(1, Number(run.progress ?? 0)));
  $('run-progress-text').textContent = `${tr(statusKeys[run.status])} ${Math.floor((run.progress ?? 0) * 100)} % · ${tr('rowsRead')} ${number(run.rowsRead)}`;

  const counts = [['rowsRead', run.rowsRead], ['rowsValid', run.rowsValid], ['rowsRefused', run.rowsRefused, 'refused']];
  if (run.status === 'importing' || run.status === 'done') counts.push(['rowsInserted', run.rowsInserted], ['rowsUpdated', run.rowsUpdated]);
  // A re-import matching on code: how many matched rows the file gives exactly as stored (left alone by the commit).
  if (run.matchOnCode && !movingStates.has(run.status)) counts.push(['rowsUnchanged', run.rowsUnchanged ?? 0]);
  clear($('run-counts')).append(...counts.map(([key, value, className]) =>
    el('div', { className, dataset: { count: key } }, el('dt', { text: tr(key) }), el('dd', { text: number(value) }))));

  const error = $('run-error');
  error.hidden = !run.error;
  if (run.error) clear(error).append(el('p', { text: typeof run.error === 'string' ? run.error : (run.error.detail ?? JSON.stringify(run.error)) }));

  renderRunMapping();
  renderRefusals();

  const validated = run.status === 'validated';
  $('commit-actions').hidden = !validated;
  $('commit-valid').disabled = !validated || !(run.rowsValid > 0);
  const note = $('commit-note');
  note.hidden = false;
  const keptUntil = validated && run.expiresAt ? tr('keptUntil', { when: dateTime(run.expiresAt) }) : '';
  if (validated && run.rowsRefused > 0) note.textContent = `${tr('commitNoteRefused', { refused: number(run.rowsRefused) })} ${keptUntil}`.trim();
  else if (keptUntil) note.textContent = keptUntil;
  else if (run.status === 'done') {
    note.textContent = tr('doneSummary', { inserted: number(run.rowsInserted), updated: number(run.rowsUpdated), refused: number(run.rowsRefused) });
    if (run.rowsUnchanged > 0) note.textContent += ` ${tr('doneUnchanged', { unchanged: number(run.rowsUnchanged) })}`;
  }
  else if (run.status === 'discarded') note.textContent = tr('discarded');
  else note.hidden = true;
}

function renderRunMapping() {
  const run = state.run;
  const box = clear($('run-mapping'));
  const fields = run.sourceFields ?? [];
  box.hidden = fields.length === 0 || run.status !== 'validated';
  if (box.hidden) return;
  const attributes = state.attributes.get(run.collection) ?? [];
  const rows = fields.map((field) => ({ field, target: state.runMapping[field] ?? '' }));
  box.append(mappingTable(rows, attributes, (row, target) => {
    if (target) state.runMapping[row.field] = target; else delete state.runMapping[row.field];
  }, tr('mappingRunNote'), false));
  const recheck = el('button', { type: 'button', className: 'button', id: 'recheck', text: tr('recheck') });
  const hint = el('span', { className: 'field-error', role: 'alert' });
  recheck.addEventListener('click', () => {
    const file = $('file').files[0];
    if (!file || file.name !== run.fileName) {
      hint.textContent = tr('recheckNeedsFile');
      $('file').focus();
      return;
    }
    submit({ ...state.runMapping }, { replacing: run });
  });
  box.append(el('div', { className: 'form-actions' }, recheck, hint));
}

async function loadRefusals(offset) {
  const run = state.run;
  let page;
  try {
    page = (await sendJson(`/api/imports/${encodeURIComponent(run.id)}/refusals?offset=${offset}&limit=${refusalsPageSize}`)).json;
  } catch (error) {
    page = { total: 0, items: [], error };
  }
  // Another run opened while this page was on its way: it is not that run's.
  if (state.run?.id !== run.id) return;
  state.refusals = page;
  state.refusalsOffset = offset;
}

function renderRefusals() {
  const run = state.run;
  const box = clear($('refusals'));
  const page = state.refusals;
  box.hidden = movingStates.has(run.status) || !(run.rowsRefused > 0 || page?.total > 0);
  if (box.hidden) return;
  // An expired run's refusals went with its staging; its count of them stays.
  const total = run.status === 'expired' ? run.rowsRefused : (page?.total ?? run.rowsRefused);
  box.append(el('h3', { text: `${tr('refusalsTitle')} (${number(total)})` }));
  if (page?.error) {
    const problem = el('div', { className: 'problem' });
    showProblem(problem, page.error, false);
    box.append(problem);
    return;
  }
  const items = page?.items ?? [];
  if (items.length === 0) {
    box.append(el('p', { className: 'muted', text: tr(run.status === 'expired' ? 'refusalsExpired' : 'refusalsNone') }));
    return;
  }
  box.append(el('table', { className: 'data-table refusals-table' },
    el('thead', {}, el('tr', {}, el('th', { text: tr('row') }), el('th', { text: tr('field') }), el('th', { text: tr('reason') }))),
    el('tbody', {}, items.map((r) => el('tr', {},
      el('td', { className: 'number', text: number(r.row) }), el('td', { text: r.field ?? '' }), el('td', { text: r.reason ?? '' }))))));
  const from = state.refusalsOffset + 1;
  const to = state.refusalsOffset + items.length;
  const previous = el('button', { type: 'button', className: 'button button-small', text: tr('previous'), disabled: state.refusalsOffset === 0 });
  const next = el('button', { type: 'button', className: 'button button-small', text: tr('next'), disabled: to >= page.total });
  previous.addEventListener('click', async () => { await loadRefusals(Math.max(0, state.refusalsOffset - refusalsPageSize)); renderRefusals(); });
  next.addEventListener('click', async () => { await loadRefusals(state.refusalsOffset + refusalsPageSize); renderRefusals(); });
  box.append(el('div', { className: 'pager' },
    previous, el('span', { text: tr('refusalsRange', { from: number(from), to: number(to), total: number(page.total) }) }), next,
    el('a', { href: `/api/imports/${encodeURIComponent(run.id)}/refusals.csv`, download: '', text: tr('refusalsCsv') })));
}

function confirmValidRows() {
  const run = state.run;
  const dialog = $('confirm-valid');
  $('confirm-valid-text').textContent = tr('confirmValid', { valid: number(run.rowsValid), refused: number(run.rowsRefused) });
  dialog.returnValue = '';
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'confirm') commit('valid-rows');
  }, { once: true });
  dialog.showModal();
}

async function commit(mode) {
  const run = state.run;
  const error = $('commit-error');
  error.hidden = true;
  for (const id of ['commit-all', 'commit-valid', 'discard']) $(id).disabled = true;
  try {
    const answer = await sendJson(`/api/imports/${encodeURIComponent(run.id)}/commit`, { method: 'POST', body: { mode } });
    await showRun(answer.json?.id === run.id ? answer.json : await readRun(run.id));
    loadRecent();
  } catch (problem) {
    // A run that moved on since the page read it (committed elsewhere, discarded, expired): show it as it is now.
    if (problem.status === 409) await readRun(run.id).then(showRun).catch(() => {});
    showProblem(error, problem, false);
  } finally {
    for (const id of ['commit-all', 'discard']) $(id).disabled = false;
    $('commit-valid').disabled = !(state.run?.rowsValid > 0);
  }
}

async function discard() {
  const run = state.run;
  try {
    await sendJson(`/api/imports/${encodeURIComponent(run.id)}`, { method: 'DELETE' });
    await showRun(await readRun(run.id).catch(() => ({ ...run, status: 'discarded' })));
    loadRecent();
  } catch (problem) {
    showProblem($('commit-error'), problem, false);
  }
}

async function loadRecent() {
  try {
    const answer = await getJson('/api/imports');
    state.recent = Array.isArray(answer) ? answer : (answer.items ?? answer.runs ?? []);
    state.recentError = null;
  } catch (error) {
    state.recent = [];
    state.recentError = error;
  }
  renderRecent();
}

function renderRecent() {
  const box = clear($('recent'));
  if (state.recentError) {
    const problem = el('div', { className: 'problem' });
    showProblem(problem, state.recentError, false);
    box.append(problem);
    return;
  }
  if (state.recent.length === 0) {
    box.append(el('p', { className: 'muted', text: tr('recentNone') }));
    return;
  }
  box.append(el('table', { className: 'data-table recent-table' },
    el('thead', {}, el('tr', {}, ['recentFile', 'recentCollection', 'recentStatus', 'recentRows', 'recentWhen'].map((k) => el('th', { text: tr(k) })), el('th'))),
    el('tbody', {}, state.recent.map((run) => {
      const collection = state.collections.find((c) => c.id === run.collection);
      const open = el('button', { type: 'button', className: 'button button-small', text: tr('open') });
      open.addEventListener('click', () => openRun(run.id));
      return el('tr', { dataset: { run: run.id } },
        el('td', { text: run.fileName ?? '' }),
        el('td', { text: collection ? collectionTitle(collection) : run.collection ?? '' }),
        el('td', { text: tr(statusKeys[run.status] ?? run.status) }),
        el('td', { className: 'number', text: `${number(run.rowsValid)} / ${number(run.rowsRefused)}` }),
        el('td', { text: dateTime(run.createdAt) }),
        el('td', {}, open));
    }))));
}

/** Writes a refusal into box: its title and detail, each field error, and marks the form's fields when asked. */
function showProblem(box, error, markForm) {
  clear(box).hidden = false;
  if (!(error instanceof ApiError)) {
    box.append(el('p', { text: String(error?.message ?? error) }));
    return;
  }
  if (error.status === 0) {
    box.append(el('p', { text: tr('networkError') }));
    return;
  }
  if (error.status === 403) {
    box.append(el('p', { text: tr('notAllowed') }));
    return;
  }
  const p = error.problem ?? {};
  box.append(el('p', {}, el('strong', { text: p.title ?? `HTTP ${error.status}` }), p.detail ? ` ${p.detail}` : ''));
  const errors = Object.entries(p.errors ?? {});
  if (errors.length) {
    box.append(el('ul', {}, errors.map(([field, messages]) => el('li', {}, el('code', { text: field }), ': ', [].concat(messages).join('；')))));
  }
  if (markForm) for (const [field, messages] of errors) markField(field, [].concat(messages).join('；'));
}

/** Shows a message under the form field the server (or the page) names; answers true. */
function markField(field, message) {
  const name = field.toLowerCase();
  const slot = [...form.querySelectorAll('.field-error')].find((s) => s.dataset.for.toLowerCase() === name);
  if (slot) slot.textContent = message;
  const input = [...form.elements].find((e) => (e.name ?? '').toLowerCase() === name);
  input?.setAttribute('aria-invalid', 'true');
  return true;
}

function clearFieldErrors() {
  for (const slot of form.querySelectorAll('.field-error')) slot.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

function describe(error) {
  return error instanceof ApiError ? (error.problem?.detail ?? error.problem?.title ?? `HTTP ${error.status}`) : String(error);
}

const dateTime = (v) => (v ? new Date(v).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN') : '');
const number = (v) => (v === null || v === undefined ? '—' : Number(v).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN'));

function formatSize(bytes) {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

main();
