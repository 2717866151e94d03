// "My list today": the signed-in crew member's work lists for today, the route on a map with numbered stops, the
// stops in order, and for each stop its checklist form. Confined-space stops ask for the gas test and permit
// first; results go with If-Match, a stale task is reloaded, and a recorded stop turns done and the next one lights.

import { ApiError, getJson } from '../api.js';
import { clear, el } from '../dom.js';
import { bindPair, currentLanguage, onLanguageChange, pick, setLanguage, translate } from '../i18n.js';
import { errorMessage, toast } from '../ui.js';
import { ChecklistForm } from './checklist-form.js';
import { RouteMap } from './route-map.js';
import { bindCondition, bindInspectionType, bindKey, pair, tx } from './text.js';
import { confirmSafety, getTask, recordResult } from './task-api.js';

const safetyChecklistId = 'confined_space_safety';

const state = {
  config: null,
  kinds: new Map(),
  districts: null,
  lists: [],
  list: null,
  currentTaskId: null,
  routeMap: null,
  safetyDefinition: null,
  sheet: null,
};

const byId = (id) => document.getElementById(id);

/** Texts the shared translate() does not cover: the page title and the aria-labels given as zh/en pairs. */
function translateExtras() {
  document.title = tx('pageTitle');
  for (const node of document.querySelectorAll('[data-zh-label]')) node.setAttribute('aria-label', pick(node.dataset.zhLabel, node.dataset.enLabel));
}

function formatDistance(metres) {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}

/** A moment as the crew reads it: Asia/Shanghai, time only when it is today there. */
function formatMoment(iso) {
  if (!iso) return '';
  const moment = new Date(iso);
  const zone = { timeZone: 'Asia/Shanghai' };
  const day = (d) => d.toLocaleDateString('en-CA', zone);
  const time = moment.toLocaleTimeString('zh-CN', { ...zone, hour: '2-digit', minute: '2-digit', hour12: false });
  return day(moment) === day(new Date()) ? time : `${day(moment)} ${time}`;
}

function kindText(collection) {
  const kind = state.kinds.get(collection);
  return bindPair(el('span', { className: 'stop-kind-name' }), kind?.zh ?? collection, kind?.en ?? collection);
}

// ---- the list ----------------------------------------------------------------------------------------------------

function stopState(stop) {
  if (stop.status !== 'open') return 'done';
  return stop.taskId === state.currentTaskId ? 'current' : 'open';
}

function statesOf(stops) {
  return new Map(stops.map((s) => [s.taskId, stopState(s)]));
}

/** The next open stop after stop number `after` (wrapping round), or the first open one. */
function nextOpenStop(stops, after = 0) {
  const open = stops.filter((s) => s.status === 'open');
  return open.find((s) => s.stopNumber > after) ?? open[0] ?? null;
}

function badge(key, className) {
  return bindKey(el('span', { className: `badge ${className}` }), key);
}

function stopRow(stop) {
  const stateName = stopState(stop);
  const badges = [];
  if (stop.escalation === 'red') badges.push(badge('cardRed', 'badge-red'));
  if (stop.escalation === 'yellow') badges.push(badge('cardYellow', 'badge-yellow'));
  if (stop.confinedSpace) badges.push(badge('confinedSpace', 'badge-confined'));
  const status = stateName === 'done'
    ? bindKey(el('span', { className: 'stop-status stop-status-done' }), stop.status === 'done' ? 'statusDone' : 'statusCancelled')
    : stateName === 'current'
      ? bindKey(el('span', { className: 'stop-status stop-status-current' }), 'nextStop')
      : bindKey(el('span', { className: 'stop-status' }), 'statusOpen');
  const button = el('button', {
    type: 'button', className: 'stop-button', dataset: { taskId: stop.taskId },
    on: { click: () => openTask(stop.taskId) },
  },
  el('span', { className: 'stop-number', 'aria-hidden': stateName === 'done' ? 'true' : undefined },
    stateName === 'done' ? '✓' : String(stop.stopNumber)),
  el('span', { className: 'stop-main' },
    el('span', { className: 'stop-kind' }, kindText(stop.collection), el('span', { className: 'sep', 'aria-hidden': 'true', text: ' · ' }),
      bindInspectionType(el('span'), stop.inspectionType)),
    el('span', { className: 'stop-code', text: stop.assetCode ?? '' }),
    stop.assetName ? el('span', { className: 'stop-name', text: stop.assetName }) : null,
    stop.assetCode === null ? bindKey(el('span', { className: 'stop-name muted' }), 'deletedAsset') : null,
    el('span', { className: 'stop-meta' },
      el('span', { className: 'stop-due' }, bindKey(el('span'), 'due'), ` ${stop.dueDate}`), ...badges)),
  status);
  if (stateName === 'done') button.setAttribute('aria-label', `${stop.stopNumber} ✓ ${stop.assetCode ?? ''}`);
  return el('li', {
    className: `stop stop-${stateName}${stop.confinedSpace ? ' stop-confined' : ''}`,
    dataset: { taskId: stop.taskId, stopNumber: stop.stopNumber, status: stop.status },
    'aria-current': stateName === 'current' ? 'step' : undefined,
  }, button);
}

function renderSummary(list) {
  const done = list.stops.filter((s) => s.status !== 'open').length;
  const fact = (key, value, extra) => el('div', { className: 'fact' },
    bindKey(el('dt'), key), el('dd', {}, value, extra ?? null));
  const progress = el('span', { className: 'progress-text', id: 'progress-text', text: `${done} / ${list.stops.length}` });
  const bar = el('span', { className: 'progress-bar', 'aria-hidden': 'true' },
    el('span', { className: 'progress-fill', dataset: { ratio: list.stops.length ? done / list.stops.length : 0 } }));
  clear(byId('summary')).append(
    el('div', { className: 'summary-head' },
      el('h1', { className: 'summary-title' }, el('span', { text: list.crewName }), el('span', { className: 'sep', text: ' · ' }), bindPair(el('span', { className: 'summary-district' }), list.districtName, list.districtNameEn)),
      el('span', { className: 'summary-sequence' }, bindKey(el('span'), 'listNumber', { n: list.sequence }))),
    el('dl', { className: 'facts' },
      fact('progress', progress, bar),
      fact('routeLength', el('span', { id: 'route-length', text: formatDistance(list.routeLengthM) }),
        bindKey(el('small', { className: 'fact-note' }), 'routeNote'))));
  // The bar's width is set through the CSSOM (allowed by the page's CSP, unlike a style attribute).
  const fill = byId('summary').querySelector('.progress-fill');
  fill.style.width = `${Math.round(Number(fill.dataset.ratio) * 100)}%`;
}

function renderStops(list) {
  const stops = byId('stops');
  clear(stops).append(...list.stops.map(stopRow));
  markOpenStop(byId('task-sheet').dataset.taskId ?? null);
  byId('all-done').hidden = list.stops.some((s) => s.status === 'open');
  state.routeMap?.setStates(statesOf(list.stops));
}

function renderExports(list) {
  const xlsx = byId('export-xlsx');
  xlsx.href = `/api/work-lists/${list.id}.xlsx`;
  xlsx.setAttribute('download', `work-list-${list.id}.xlsx`);
  const geojson = byId('export-geojson');
  geojson.href = `/api/work-lists/${list.id}.geojson`;
  geojson.setAttribute('download', `work-list-${list.id}.geojson`);
  byId('export-print').href = `/work-lists/${list.id}/print`;
}

function renderListTabs() {
  const nav = byId('list-chooser');
  nav.hidden = state.lists.length < 2;
  clear(byId('list-tabs')).append(...state.lists.map((l) => el('button', {
    type: 'button', role: 'tab', className: 'list-tab', dataset: { listId: l.id },
    'aria-selected': String(l.id === state.list?.id),
    on: { click: () => showList(l.id) },
  }, bindPair(el('span', { className: 'list-tab-district' }), l.districtName, l.districtNameEn), ' ', bindKey(el('span'), 'listNumber', { n: l.sequence }),
  el('span', { className: 'list-tab-count', text: `${l.done}/${l.stops}` }))));
}

async function showList(listId, { keepCurrent = false } = {}) {
  const list = await getJson(`/api/work-lists/${encodeURIComponent(listId)}`);
  const switched = state.list?.id !== list.id;
  state.list = list;
  if (!keepCurrent || switched || !list.stops.some((s) => s.taskId === state.currentTaskId && s.status === 'open'))
    state.currentTaskId = nextOpenStop(list.stops)?.taskId ?? null;
  const summary = state.lists.find((l) => l.id === list.id);
  if (summary) summary.done = list.stops.filter((s) => s.status !== 'open').length;
  const url = new URL(location.href);
  if (url.searchParams.get('list') !== String(list.id)) {
    url.searchParams.set('list', String(list.id));
    history.replaceState(history.state, '', url);
  }
  renderListTabs();
  renderSummary(list);
  if (switched) {
    state.routeMap.show(list.stops, statesOf(list.stops));
    if (state.districts) state.routeMap.showDistrict(state.districts, list.district);
  }
  renderStops(list);
  renderExports(list);
  byId('list-view').hidden = false;
}

function highlightCurrent() {
  const row = state.currentTaskId && document.querySelector(`#stops li[data-task-id="${state.currentTaskId}"]`);
  if (!row) return;
  row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  state.routeMap.focus(state.currentTaskId);
}

function showResultBanner(lines) {
  let banner = byId('result-banner');
  if (!banner) {
    banner = el('div', { id: 'result-banner', className: 'result-banner', role: 'status' });
    byId('stops-title').after(banner);
  }
  clear(banner).append(...lines.map(([zh, en]) => bindPair(el('p'), zh, en)));
  banner.hidden = false;
}

// ---- the task sheet ----------------------------------------------------------------------------------------------

function stopOf(taskId) {
  return state.list?.stops.find((s) => s.taskId === taskId) ?? null;
}

function sheetTitle(stop, task) {
  return [
    el('span', { className: 'sheet-stop' }, bindKey(el('span'), 'stopNumber', { n: stop?.stopNumber ?? task.stopNumber ?? '' })),
    el('span', { className: 'sheet-code', text: stop?.assetCode ?? '' }),
    stop?.assetName ? el('span', { className: 'sheet-name', text: stop.assetName }) : null,
    el('span', { className: 'sheet-kind' }, kindText(task.collection), el('span', { text: ' · ' }), bindInspectionType(el('span'), task.inspectionType)),
  ];
}

function openSheetShell(taskId) {
  const sheet = byId('task-sheet');
  sheet.dataset.taskId = String(taskId);
  delete sheet.dataset.ready;
  clear(byId('task-title'));
  clear(byId('sheet-body')).append(bindKey(el('p', { className: 'loading' }), 'taskLoading'));
  byId('sheet-footer').hidden = true;
  sheet.hidden = false;
  document.body.classList.add('sheet-open');
  markOpenStop(taskId);
}

/** Outlines the stop whose sheet is open (beside the drawer on a wide screen). */
function markOpenStop(taskId) {
  for (const row of document.querySelectorAll('#stops li')) row.classList.toggle('stop-open', row.dataset.taskId === String(taskId));
}

async function openTask(taskId) {
  const url = `${location.pathname}${location.search}#task-${taskId}`;
  // One history entry for the open sheet, whichever stop it shows, so Back always returns to the list.
  if (history.state?.taskId) history.replaceState({ taskId }, '', url);
  else if (location.hash !== `#task-${taskId}`) history.pushState({ taskId }, '', url);
  openSheetShell(taskId);
  await loadTask(taskId);
}

/** Fetches the task (with its ETag) and shows it; `notice` is a [zh, en] message shown on top. */
async function loadTask(taskId, notice = null) {
  try {
    const { task, checklist, etag } = await getTask(taskId);
    if (byId('task-sheet').dataset.taskId !== String(taskId)) return;
    renderTask(task, checklist, etag, notice);
  } catch (error) {
    clear(byId('sheet-body')).append(el('p', { className: 'form-error', role: 'alert', text: errorMessage(error) }));
  }
}

function closeSheet() {
  const sheet = byId('task-sheet');
  sheet.hidden = true;
  delete sheet.dataset.taskId;
  delete sheet.dataset.ready;
  document.body.classList.remove('sheet-open');
  state.sheet = null;
  markOpenStop(null);
}

/** Leaves the sheet through history when it was opened through it, so the phone's back button and ours agree. */
function leaveSheet() {
  if (history.state?.taskId) history.back();
  else {
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    closeSheet();
  }
}

function noticeBanner(notice) {
  return notice ? bindPair(el('p', { id: 'task-notice', className: 'notice-banner', role: 'alert' }), notice[0], notice[1]) : null;
}

function doneSummary(task) {
  const result = task.result ?? {};
  const findings = Array.isArray(result.findings) ? result.findings : [];
  const row = (key, value) => el('div', { className: 'fact' }, bindKey(el('dt'), key), el('dd', {}, value));
  return el('section', { className: 'done-summary' },
    el('h2', { className: 'done-title' }, el('span', { className: 'done-tick', 'aria-hidden': 'true', text: '✓' }),
      bindKey(el('span'), task.status === 'done' ? 'taskDone' : 'taskNotOpen')),
    task.status === 'done' ? el('dl', { className: 'facts' },
      row('completedBy', el('span', { text: task.completedBy ?? '' })),
      row('completedAt', el('span', { text: formatMoment(task.completedAt) })),
      result.condition ? row('resultCondition', bindCondition(el('span'), result.condition)) : null) : null,
    task.status === 'done' ? el('h3', { className: 'section-title' }, bindKey(el('span'), 'findings')) : null,
    task.status === 'done' ? (findings.length
      ? el('ul', { className: 'findings' }, findings.map((f) => el('li', { text: f.description ?? '' })))
      : bindKey(el('p', { className: 'muted' }), 'noFindings')) : null);
}

function renderTask(task, checklist, etag, notice) {
  const stop = stopOf(task.id);
  const sheet = byId('task-sheet');
  clear(byId('task-title')).append(...sheetTitle(stop, task).filter(Boolean));
  const body = clear(byId('sheet-body'));
  body.scrollTop = 0;
  const footer = byId('sheet-footer');
  if (stop && stop.status !== task.status) {
    stop.status = task.status;
    if (task.status !== 'open' && state.currentTaskId === task.id) state.currentTaskId = nextOpenStop(state.list.stops, stop.stopNumber)?.taskId ?? null;
    renderStops(state.list);
  }

  if (task.status !== 'open') {
    body.append(...[noticeBanner(notice), doneSummary(task)].filter(Boolean));
    footer.hidden = true;
    state.sheet = { taskId: task.id, task, etag, checklist };
    sheet.dataset.ready = 'true';
    sheet.dataset.status = task.status;
    return;
  }

  const formError = el('p', { id: 'form-error', className: 'form-error', role: 'alert', hidden: true });
  const form = new ChecklistForm(checklist ?? { fields: [] });
  const locked = task.confinedSpace && !task.safetyConfirmed;
  const resultForm = el('form', { id: 'result-form', className: 'result-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); submitResult(); } } },
    el('h2', { className: 'section-title' }, bindPair(el('span'), checklist?.titleZh, checklist?.titleEn)),
    locked ? bindKey(el('p', { className: 'locked-hint' }), 'lockedUntilSafety') : null,
    el('fieldset', { className: 'checklist-fieldset', disabled: locked }, form.node));
  state.sheet = { taskId: task.id, task, etag, checklist, form, formError };
  body.append(...[
    noticeBanner(notice),
    task.description ? el('p', { className: 'task-description', text: task.description }) : null,
    task.confinedSpace ? safetySection(task) : null,
    formError,
    resultForm,
  ].filter(Boolean));
  const submit = byId('submit-result');
  submit.disabled = locked;
  bindKey(submit, 'submit');
  footer.hidden = false;
  sheet.dataset.ready = 'true';
  sheet.dataset.status = task.status;
  sheet.dataset.locked = String(locked);
}

function safetySection(task) {
  if (task.safetyConfirmed) {
    return el('section', { id: 'safety', className: 'safety safety-confirmed' },
      el('p', {}, el('span', { 'aria-hidden': 'true', text: '✓ ' }), bindKey(el('strong'), 'safetyConfirmed'),
        task.safetyConfirmedBy ? el('span', {}, ' · ', bindKey(el('span'), 'safetyConfirmedBy'), el('span', { text: task.safetyConfirmedBy })) : null));
  }
  const definition = state.safetyDefinition ?? { fields: [] };
  const safetyForm = new ChecklistForm(definition);
  const error = el('p', { id: 'safety-error', className: 'form-error', role: 'alert', hidden: true });
  const button = bindKey(el('button', { id: 'confirm-safety', type: 'submit', className: 'button button-warning button-block' }), 'confirmSafety');
  return el('section', { id: 'safety', className: 'safety' },
    el('h2', { className: 'safety-title' }, el('span', { className: 'safety-icon', 'aria-hidden': 'true', text: '⚠' }),
      bindPair(el('span'), definition.titleZh ?? '有限空间作业安全确认', definition.titleEn ?? 'Confined-space entry confirmation')),
    bindKey(el('p', { className: 'safety-intro' }), 'safetyIntro'),
    error,
    el('form', { id: 'safety-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); submitSafety(safetyForm, error, button); } } },
      safetyForm.node, button));
}

function showFormError(box, error, unplaced = []) {
  box.textContent = [errorMessage(error), ...unplaced].join(' ');
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

async function submitSafety(form, errorBox, button) {
  const sheet = state.sheet;
  if (!sheet) return;
  form.clearErrors();
  errorBox.hidden = true;
  button.disabled = true;
  bindKey(button, 'confirming');
  try {
    const { task, etag } = await confirmSafety(sheet.taskId, form.read(), sheet.etag);
    renderTask(task, sheet.checklist, etag, null);
  } catch (error) {
    button.disabled = false;
    bindKey(button, 'confirmSafety');
    if (error instanceof ApiError && error.status === 412) return loadTask(sheet.taskId, pair('staleTask'));
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) return showFormError(errorBox, error, form.showErrors(error.fieldErrors));
    showFormError(errorBox, error);
  }
}

async function submitResult() {
  const sheet = state.sheet;
  if (!sheet?.form) return;
  const submit = byId('submit-result');
  sheet.form.clearErrors();
  sheet.formError.hidden = true;
  submit.disabled = true;
  bindKey(submit, 'submitting');
  try {
    const { recorded } = await recordResult(sheet.taskId, sheet.form.read(), sheet.etag);
    await afterRecorded(sheet.taskId, recorded);
  } catch (error) {
    submit.disabled = false;
    bindKey(submit, 'submit');
    if (!(error instanceof ApiError)) return showFormError(sheet.formError, error);
    if (error.status === 412) return loadTask(sheet.taskId, pair('staleTask'));
    if (error.status === 400 || error.status === 422) return showFormError(sheet.formError, error, sheet.form.showErrors(error.fieldErrors));
    if (error.status === 409 && error.fieldErrors.safety) {
      sheet.formError.textContent = tx('safetyFirst');
      sheet.formError.hidden = false;
      return;
    }
    showFormError(sheet.formError, error);
  }
}

async function afterRecorded(taskId, recorded) {
  const stop = stopOf(taskId);
  const lines = [pair('recorded', { n: stop?.stopNumber ?? '' })];
  if (recorded.remediationTaskId) {
    try {
      const { task: remediation } = await getTask(recorded.remediationTaskId);
      const due = remediation.dueBy ? formatMoment(remediation.dueBy) : remediation.dueDate;
      lines.push(pair('remediationDue', { time: due }));
    } catch {
      // The result is stored; only the deadline line is missing.
    }
  }
  if (recorded.alertIds?.length) lines.push(pair('alertsRaised'));
  if (stop) stop.status = 'done';
  state.currentTaskId = nextOpenStop(state.list.stops, stop?.stopNumber ?? 0)?.taskId ?? null;
  leaveSheet();
  await showList(state.list.id, { keepCurrent: true });
  showResultBanner(lines);
  toast(pick(...lines[0]), 'success');
  highlightCurrent();
}

// ---- start -------------------------------------------------------------------------------------------------------

async function main() {
  translate();
  translateExtras();
  onLanguageChange(translateExtras);
  byId('lang-button').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
  byId('sheet-back').addEventListener('click', leaveSheet);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !byId('task-sheet').hidden) leaveSheet(); });
  window.addEventListener('popstate', () => {
    const match = /^#task-(\d+)$/.exec(location.hash);
    if (match) {
      openSheetShell(Number(match[1]));
      loadTask(Number(match[1]));
    } else {
      closeSheet();
    }
  });

  const [me, config, collections, mine, safety] = await Promise.all([
    getJson('/api/me'), getJson('/api/map/config'), getJson('/ogc/collections'), getJson('/api/work-lists/mine'),
    getJson(`/api/checklists/${safetyChecklistId}`),
  ]);
  byId('user-name').textContent = me.userName ?? '';
  byId('work-date').textContent = mine.workDate ?? '';
  state.config = config;
  state.safetyDefinition = safety;
  for (const c of collections.collections ?? []) state.kinds.set(c.id, { zh: c.title, en: c.description });
  state.lists = mine.lists ?? [];
  byId('loading').hidden = true;

  if (state.lists.length === 0) {
    byId('empty-state').hidden = false;
    document.body.dataset.ready = 'true';
    return;
  }
  byId('list-view').hidden = false;
  state.routeMap = new RouteMap(byId('route-map'), config, (taskId) => openTask(taskId));
  state.districts = await getJson('/api/districts').catch(() => null);
  const wanted = Number(new URLSearchParams(location.search).get('list'));
  const first = state.lists.find((l) => l.id === wanted) ?? state.lists.find((l) => l.done < l.stops) ?? state.lists[0];
  await showList(first.id);
  document.body.dataset.ready = 'true';

  const linked = /^#task-(\d+)$/.exec(location.hash);
  if (linked && stopOf(Number(linked[1]))) {
    openSheetShell(Number(linked[1]));
    await loadTask(Number(linked[1]));
  }
}

main().catch((error) => {
  console.error(error);
  if (error?.status !== 401) {
    byId('loading').hidden = true;
    toast(errorMessage(error), 'error');
  }
});
