// 工作清单: the day's lists (/api/work-lists?date=) with crew, district, stops and route length, links to the
// printable page, XLSX and GeoJSON, and the button that builds the day's lists (/api/work-lists/build?date=).

import { getJson } from '../api.js';
import { clear, el } from '../dom.js';
import { errorText, toast, withProgress } from './common.js';
import { postEmpty } from './office-api.js';
import { formatCount, formatLength, tx } from './text.js';

export class WorkListsSection {
  constructor(context) {
    this.context = context;
    this.date = document.getElementById('lists-date');
    this.body = document.querySelector('#lists-table tbody');
    this.status = document.getElementById('lists-status');
    this.buildResult = document.getElementById('lists-build-result');
    this.buildButton = document.getElementById('lists-build');
    this.lists = null;
    this.report = null;
    this.request = 0;
    this.date.addEventListener('change', () => { if (this.date.value) this.load(); });
    this.buildButton.addEventListener('click', () => this.build());
  }

  /** Loads the lists of a day (the date field's, or the server's today when it is empty). */
  async load() {
    const mine = ++this.request;
    this.status.textContent = tx('loading');
    try {
      const query = this.date.value ? `?date=${encodeURIComponent(this.date.value)}` : '';
      const found = await getJson(`/api/work-lists${query}`);
      if (mine !== this.request) return;
      this.lists = found;
      if (!this.date.value) this.date.value = found.workDate;
      this.render();
    } catch (error) {
      if (mine === this.request) this.status.textContent = errorText(error);
    }
  }

  /** Shows the lists of `day` (after a build elsewhere on the page). */
  reload(day) {
    if (day) this.date.value = day;
    return this.load();
  }

  render() {
    clear(this.body);
    const lists = this.lists?.lists ?? [];
    for (const l of lists) {
      const id = encodeURIComponent(l.id);
      this.body.append(el('tr', { dataset: { listId: l.id } },
        el('td', {}, el('span', { className: 'list-no' }, `#${l.id}`),
          l.campaignId ? el('span', { className: 'tag tag-warning' }, `${tx('campaignList')} #${l.campaignId}`) : null),
        el('td', {}, l.crewName, el('span', { className: 'muted' }, ` · ${l.sequence}`)),
        el('td', {}, this.context.districtName(l.district, l.districtName || null)),
        el('td', { className: 'num' }, formatCount(l.stops)),
        el('td', { className: 'num' }, progressOf(l)),
        el('td', { className: 'num' }, formatLength(l.routeLengthM)),
        el('td', { className: 'exports' },
          el('a', { href: `/work-lists/${id}/print`, target: '_blank', rel: 'noopener' }, tx('print')),
          el('a', { href: `/api/work-lists/${id}.xlsx`, download: '' }, 'XLSX'),
          el('a', { href: `/api/work-lists/${id}.geojson`, download: '' }, 'GeoJSON'))));
    }
    this.status.textContent = lists.length ? '' : tx('noLists');
    if (this.report) this.renderBuildReport(this.report, this.buildResult);
  }

  async build() {
    const day = this.date.value;
    this.buildButton.disabled = true;
    try {
      const url = `/api/work-lists/build${day ? `?date=${encodeURIComponent(day)}` : ''}`;
      this.report = await withProgress(this.buildResult, 'building', () => postEmpty(url));
      this.renderBuildReport(this.report, this.buildResult);
      await this.reload(this.report.workDate);
      this.context.refreshSummary();
    } catch (error) {
      toast(errorText(error), 'error');
    } finally {
      this.buildButton.disabled = false;
    }
  }

  /** What a build did: lists built, tasks assigned, deferred for lack of capacity, districts no crew covers. */
  renderBuildReport(report, box) {
    const name = this.context.districtName;
    const assigned = report.lists.reduce((s, l) => s + l.stops, 0);
    const perDistrict = (rows) => rows.map((r) => `${name(r.district)} ${tx('tasksCount', { n: formatCount(r.tasks) })}`).join('、');
    const deferred = report.deferred.reduce((s, r) => s + r.tasks, 0);
    const uncovered = report.uncovered.reduce((s, r) => s + r.tasks, 0);
    const figure = (key, value, className = '') => el('div', { className: `figure ${className}`.trim(), dataset: { figure: key } },
      el('span', { className: 'figure-value' }, formatCount(value)), el('span', { className: 'figure-label' }, tx(key)));
    const parts = [
      el('p', { className: 'result-title' }, tx('buildResultTitle', { date: report.workDate }),
        el('span', { className: 'muted' }, ` · ${tx('buildSeconds', { s: report.seconds.toFixed(1) })}`)),
      el('div', { className: 'figures', id: box.id ? `${box.id}-figures` : null },
        figure('listsBuilt', report.lists.length, 'figure-good'),
        figure('tasksAssigned', assigned),
        figure('deferred', deferred, deferred ? 'figure-warn' : ''),
        figure('uncovered', uncovered, uncovered ? 'figure-bad' : ''),
        report.unlocated ? figure('unlocated', report.unlocated) : null),
      report.candidateTasks === 0 ? el('p', { className: 'muted' }, tx('nothingToBuild')) : null,
      report.deferred.length ? el('p', { className: 'report-line' }, tx('deferredIn', { list: perDistrict(report.deferred) })) : null,
      report.uncovered.length ? el('p', { className: 'report-line report-bad' }, tx('uncoveredIn', { list: perDistrict(report.uncovered) })) : null,
    ];
    clear(box).append(...parts.filter(Boolean));
    box.hidden = false;
  }
}

function progressOf(list) {
  const done = list.done ?? 0;
  const stops = list.stops || 0;
  const bar = el('progress', { max: String(Math.max(stops, 1)), value: String(done), className: 'list-progress' });
  return el('span', { className: 'list-done' }, bar, ` ${formatCount(done)}/${formatCount(stops)}`);
}
