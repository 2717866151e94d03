// 逾期与红黄牌: the day's per-district summary (/api/tasks/summary?date=) as a table, totals, and a small
// choropleth of overdue tasks over the district boundaries (/api/districts).

import { getJson } from '../api.js';
import { clear, el } from '../dom.js';
import { errorText, numberCell } from './common.js';
import { formatCount, tx } from './text.js';

/** Sequential reds for the overdue classes; the first is "none overdue". */
const palette = ['#f1f5f9', '#fde0c5', '#facb98', '#f59e5b', '#e4572e', '#a8201a'];

export class OverdueSection {
  constructor(context) {
    this.context = context;
    this.date = document.getElementById('summary-date');
    this.body = document.querySelector('#summary-table tbody');
    this.totals = document.getElementById('summary-totals');
    this.status = document.getElementById('summary-status');
    this.legend = document.getElementById('overdue-legend');
    this.summary = null;
    this.request = 0;
    this.date.addEventListener('change', () => { if (this.date.value) this.load(); });
    document.getElementById('summary-refresh').addEventListener('click', () => this.load());
  }

  async load() {
    const mine = ++this.request;
    this.status.textContent = tx('loading');
    try {
      const query = this.date.value ? `?date=${encodeURIComponent(this.date.value)}` : '';
      const summary = await getJson(`/api/tasks/summary${query}`);
      if (mine !== this.request) return;
      this.summary = summary;
      if (!this.date.value) this.date.value = summary.date;
      this.render();
      await this.drawMap();
    } catch (error) {
      if (mine === this.request) this.status.textContent = errorText(error);
    }
  }

  /** The districts, most urgent first: red cards, then yellow, then overdue. */
  rows() {
    return [...(this.summary?.districts ?? [])].sort((a, b) =>
      b.red - a.red || b.yellow - a.yellow || b.overdue - a.overdue || b.open - a.open || a.district.localeCompare(b.district));
  }

  render() {
    if (!this.summary) return;
    const rows = this.rows();
    const sum = (field) => rows.reduce((s, r) => s + r[field], 0);
    clear(this.body);
    for (const r of rows) {
      this.body.append(el('tr', { dataset: { district: r.district }, className: r.red ? 'row-red' : (r.yellow ? 'row-yellow' : '') },
        el('th', { scope: 'row' }, el('span', { className: 'district-name' }, this.context.districtName(r.district, r.name)), el('span', { className: 'adcode' }, r.district)),
        numberCell(formatCount(r.open)),
        numberCell(formatCount(r.due)),
        numberCell(formatCount(r.overdue), r.overdue ? 'is-overdue' : ''),
        el('td', { className: 'num' }, card('yellow', r.yellow)),
        el('td', { className: 'num' }, card('red', r.red)),
        numberCell(formatCount(r.doneToday))));
    }
    this.body.append(el('tr', { className: 'row-total' },
      el('th', { scope: 'row' }, tx('total')),
      numberCell(formatCount(sum('open'))), numberCell(formatCount(sum('due'))), numberCell(formatCount(sum('overdue'))),
      numberCell(formatCount(sum('yellow'))), numberCell(formatCount(sum('red'))), numberCell(formatCount(sum('doneToday')))));

    const tile = (key, value, className) => el('div', { className: `total ${className}` },
      el('span', { className: 'total-value' }, formatCount(value)), el('span', { className: 'total-label' }, tx(key)));
    clear(this.totals).append(
      tile('totalOpen', sum('open'), ''),
      tile('totalOverdue', sum('overdue'), sum('overdue') ? 'total-overdue' : ''),
      tile('totalYellow', sum('yellow'), sum('yellow') ? 'total-yellow' : ''),
      tile('totalRed', sum('red'), sum('red') ? 'total-red' : ''),
      tile('totalDone', sum('doneToday'), 'total-done'));
    this.status.textContent = sum('open') + sum('doneToday') === 0 ? tx('noTasksOnDay') : tx('summaryOf', { date: this.summary.date });
    this.renderLegend();
  }

  /** Class breaks of the overdue counts: 0, then up to four classes rounded to whole numbers. */
  breaks() {
    const max = Math.max(0, ...(this.summary?.districts ?? []).map((d) => d.overdue));
    if (max === 0) return [];
    const steps = Math.min(5, max);
    const out = [];
    for (let i = 1; i <= steps; i++) out.push(Math.ceil((max * i) / steps));
    return [...new Set(out)];
  }

  colourOf(overdue) {
    if (!overdue) return palette[0];
    const breaks = this.breaks();
    const index = breaks.findIndex((b) => overdue <= b);
    return palette[classColour(index < 0 ? breaks.length - 1 : index, breaks.length)];
  }

  renderLegend() {
    const breaks = this.breaks();
    const items = [el('li', {}, el('span', { className: 'legend-swatch', dataset: { colour: '0' } }), tx('legendNone'))];
    let from = 1;
    breaks.forEach((to, i) => {
      items.push(el('li', {}, el('span', { className: 'legend-swatch', dataset: { colour: String(classColour(i, breaks.length)) } }),
        from === to ? formatCount(to) : `${formatCount(from)}–${formatCount(to)}`));
      from = to + 1;
    });
    clear(this.legend).append(el('p', { className: 'legend-title' }, tx('overdue')), el('ul', {}, items));
  }

  async drawMap() {
    if (!this.map) {
      this.map = L.map('overdue-map', { zoomControl: true, attributionControl: false, scrollWheelZoom: false, minZoom: 7, maxZoom: 14 });
      const geojson = await this.context.districts();
      this.layer = L.geoJSON(geojson, {
        style: () => ({ color: '#475569', weight: 1, fillOpacity: 0.85, fillColor: palette[0] }),
        onEachFeature: (feature, layer) => {
          layer.bindTooltip(() => this.tooltipOf(feature), { sticky: true, className: 'district-tooltip' });
        },
      }).addTo(this.map);
      this.map.fitBounds(this.layer.getBounds(), { padding: [8, 8] });
      this.context.onShow('overdue', () => {
        this.map.invalidateSize();
        this.map.fitBounds(this.layer.getBounds(), { padding: [8, 8] });
      });
    }
    const byCode = new Map((this.summary?.districts ?? []).map((d) => [d.district, d]));
    this.layer.setStyle((feature) => ({ fillColor: this.colourOf(byCode.get(feature.properties.adcode)?.overdue ?? 0) }));
  }

  tooltipOf(feature) {
    const row = this.summary?.districts.find((d) => d.district === feature.properties.adcode);
    const box = el('div', {},
      el('strong', {}, this.context.districtName(feature.properties.adcode, feature.properties.name)),
      el('br'), tx('tooltipOverdue', { n: formatCount(row?.overdue ?? 0) }));
    if (row?.red) box.append(el('br'), `${tx('red')} ${formatCount(row.red)}`);
    if (row?.yellow) box.append(el('br'), `${tx('yellow')} ${formatCount(row.yellow)}`);
    return box;
  }
}

/** The palette index of class i of n: the classes spread over the whole palette, so the worst is always darkest. */
function classColour(i, n) {
  const last = palette.length - 1;
  return n <= 1 ? last : 1 + Math.round((i * (last - 1)) / (n - 1));
}

/** A red or yellow card with its count; a dash when there is none. */
function card(colour, count) {
  if (!count) return el('span', { className: 'card-none' }, '0');
  return el('span', { className: `penalty-card penalty-${colour}`, title: tx(colour) }, formatCount(count));
}
