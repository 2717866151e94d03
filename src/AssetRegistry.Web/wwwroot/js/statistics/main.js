// The statistics dashboard: one request for every figure (/api/statistics), a Chart.js chart per figure with its
// target line where there is one, each chart's numbers as CSV and XLSX, and a district map of overdue work.

import { ApiError, getJson } from '../api.js';
import { clear, el } from '../dom.js';
import { districtNamer } from '../districts.js';
import { currentLanguage, onLanguageChange, pick, setLanguage, translate, verificationNote } from '../i18n.js';
import { DistrictChoropleth } from './choropleth.js';
import { tr } from './messages.js';

const kindColors = {
  manholes: '#1565c0', streetlights: '#f9a825', bridges: '#6a1b9a', ancient_trees: '#2e7d32', sewer_segments: '#00838f',
  waterlogging_points: '#0277bd', parks: '#7cb342', residential_areas: '#8d6e63',
};
const gradeColors = { A: '#2e7d32', B: '#7cb342', C: '#f9a825', D: '#ef6c00', E: '#c62828', '': '#b0bec5' };
const taskColors = { due: '#1565c0', overdue: '#ef6c00', yellow: '#fbc02d', red: '#c62828', doneToday: '#2e7d32' };
const targetColor = '#c62828';

/** Chart instances by chart id, for the language switch and for tests. */
const charts = new Map();
let report;
let districts;
let choropleth;

async function main() {
  translate();
  setTitle();
  document.getElementById('lang-button').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
  const status = document.getElementById('status');
  try {
    [report, districts] = await Promise.all([getJson('/api/statistics'), getJson('/api/districts')]);
    nameOf = districtNamer(districts);
  } catch (error) {
    clear(status).append(el('span', { className: 'error', text: error instanceof ApiError && error.status === 403 ? tr('noAccess') : tr('loadFailed') + error.message }));
    document.body.dataset.ready = 'true';
    return;
  }
  status.hidden = true;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  render();
  onLanguageChange(() => {
    setTitle();
    render();
  });
  window.registryStatistics = { charts, report, map: () => choropleth?.map };
  document.body.dataset.ready = 'true';
}

function setTitle() {
  document.title = `${tr('pageTitle')} · ${pick('泉州市市政设施资产登记', 'Quanzhou infrastructure asset registry')}`;
}

/** A district's name in the page's language (set once /api/districts has answered). */
let nameOf = districtNamer(null);
const districtName = (row) => nameOf(row.district, row.districtName ?? row.name) ?? tr('city');
const percent = (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(2)} %`);

function render() {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
  choropleth?.remove();
  const generated = new Date(report.generatedAt);
  document.getElementById('generated').textContent =
    `${tr('generatedAt')}${generated.toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN')} · ${tr('inspectionDate')}${report.inspections.date}`;
  renderKpis();
  const cards = clear(document.getElementById('cards'));
  cards.hidden = false;
  cards.append(
    assetsCard(), coverCard(), lightingCard(), bridgeCard(), sewerCard(), inspectionsCard(), mapCard(),
  );
  for (const [id, build] of pending) charts.set(id, build());
  pending.length = 0;
  choropleth = new DistrictChoropleth(document.getElementById('district-map'), districts, report, document.getElementById('map-metric'));
}

function renderKpis() {
  const kpis = clear(document.getElementById('kpis'));
  kpis.hidden = false;
  const total = report.assets.reduce((s, a) => s + a.count, 0);
  const cover = report.coverIntact;
  const overdue = report.inspections.districts.reduce((s, d) => s + d.overdue, 0);
  const red = report.inspections.districts.reduce((s, d) => s + d.red, 0);
  const tile = (id, label, value, detail, state) => el('div', { className: `kpi ${state ?? ''}`, dataset: { kpi: id } },
    el('span', { className: 'kpi-label', text: label }), el('strong', { className: 'kpi-value', text: value }),
    detail ? el('span', { className: 'kpi-detail', text: detail }) : null);
  const coverState = cover.city.percent === null ? '' : cover.city.percent >= cover.target.percent ? 'ok' : 'warn';
  const lit = report.lighting.city;
  kpis.append(
    tile('assets', tr('assetsTotal'), total.toLocaleString(), null),
    tile('cover', tr('coverTitle'), percent(cover.city.percent), `${tr('target')} ≥ ${cover.target.percent} %`, coverState),
    tile('lighting', tr('lightingTitle').replace(/（.*|\s+by.*/, ''), percent(lit.percent), `${lit.lit} / ${lit.shouldBeLit}`),
    tile('overdue', tr('overdue'), overdue.toLocaleString(), `${tr('red')} ${red}`, overdue > 0 ? 'warn' : 'ok'),
  );
}

/** Charts are built once their canvas is in the page (Chart.js measures it). */
const pending = [];

function card(id, title, notes = []) {
  const canvas = el('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': title });
  const section = el('section', { className: 'card', dataset: { chart: id } },
    el('header', { className: 'card-header' }, el('h2', { text: title }),
      el('span', { className: 'downloads' }, tr('download'),
        el('a', { href: `/api/statistics/${id}.csv`, download: '', className: 'download', text: 'CSV' }),
        el('a', { href: `/api/statistics/${id}.xlsx`, download: '', className: 'download', text: 'XLSX' }))),
    el('div', { className: 'chart-box' }, canvas),
    ...notes.filter(Boolean).map((n) => el('p', { className: 'note', text: n })));
  return { section, canvas };
}

/** Queues the chart; one whose every bar or slice is zero or missing (target lines aside) says so over its axes. */
function addChart(id, canvas, config) {
  const empty = config.data.datasets.filter((d) => d.type !== 'line').every((d) => d.data.every((v) => !v));
  if (empty) canvas.parentElement.append(el('p', { className: 'chart-empty', text: tr('noData') }));
  pending.push([id, () => new Chart(canvas, config)]);
}

const legendBottom = { legend: { position: 'bottom', labels: { boxWidth: 12 } } };

/** A line dataset drawing a target across every category. */
const targetLine = (values, label) => ({
  type: 'line', label, data: values, borderColor: targetColor, backgroundColor: targetColor, borderWidth: 2, borderDash: [6, 4],
  pointRadius: 0, stepped: 'middle', order: 0,
});

function assetsCard() {
  const { section, canvas } = card('assets', tr('assetsTitle'));
  const byDistrict = new Map();
  for (const a of report.assets) {
    if (!byDistrict.has(a.district)) byDistrict.set(a.district, { district: a.district, districtName: a.districtName });
  }
  const rows = [...byDistrict.values()].sort((x, y) => x.district.localeCompare(y.district));
  const kinds = [...new Map(report.assets.map((a) => [a.collection, a])).values()].sort((x, y) => x.collection.localeCompare(y.collection));
  addChart('assets', canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => nameOf(r.district, r.districtName)),
      datasets: kinds.map((k) => ({
        label: pick(k.kindZh, k.kindEn), backgroundColor: kindColors[k.collection] ?? '#607d8b', stack: 'assets',
        data: rows.map((r) => report.assets.find((a) => a.collection === k.collection && a.district === r.district)?.count ?? 0),
      })),
    },
    options: { plugins: legendBottom, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: tr('count') } } } },
  });
  return section;
}

function rateAxis(values, target) {
  const known = values.filter((v) => v !== null && v !== undefined);
  const low = Math.min(...known, target ?? 100);
  return { min: Math.max(0, Math.floor(low / 10) * 10 - 10), max: 100, title: { display: true, text: tr('rate') } };
}

function coverCard() {
  const cover = report.coverIntact;
  const byInspection = cover.definitionUsed === 'cover_intact_inspected';
  const definition = cover.definitions.find((d) => d.code === cover.definitionUsed);
  const { section, canvas } = card('cover-intact', tr('coverTitle'), [
    byInspection ? tr('coverByInspection') : tr('coverByCondition'),
    definition ? pick(definition.formulaZh, definition.formulaEn) : null,
    `${tr('target')} ${cover.target.percent} %: ${pick(cover.target.titleZh, cover.target.titleEn)} — ${tr('source')}${cover.target.provenance.source}${verificationNote(cover.target.provenance.verification)}`,
  ]);
  const rows = [...cover.districts.filter((d) => d.denominator > 0), cover.city];
  const values = rows.map((r) => r.percent);
  addChart('cover-intact', canvas, {
    type: 'bar',
    data: {
      labels: rows.map(districtName),
      datasets: [
        { label: tr('coverTitle'), data: values, backgroundColor: rows.map((r) => (r.district === null ? '#0f2f57' : '#1565c0')), order: 1 },
        targetLine(rows.map(() => cover.target.percent), `${tr('target')} ${cover.target.percent} %`),
      ],
    },
    options: { plugins: legendBottom, scales: { y: rateAxis(values, cover.target.percent) } },
  });
  return section;
}

function lightingCard() {
  const lighting = report.lighting;
  const { section, canvas } = card('lighting', tr('lightingTitle'), [
    pick(lighting.definition.formulaZh, lighting.definition.formulaEn),
    ...lighting.targets.filter((t) => t.provenance.verification === 'verified').slice(0, 2)
      .map((t) => `${pick(t.titleZh, t.titleEn)} ≥ ${t.percent} % — ${tr('source')}${t.provenance.source}`),
  ]);
  const rows = [...lighting.roadClasses, lighting.city];
  const label = (r) => (r.roadClass === null ? tr('city') : r.roadClass === '' ? tr('noRoadClass') : tr(`roadClass_${r.roadClass}`));
  const values = rows.map((r) => r.percent);
  addChart('lighting', canvas, {
    type: 'bar',
    data: {
      labels: rows.map(label),
      datasets: [
        { label: tr('lightingTitle').replace(/（.*|\s+by.*/, ''), data: values, backgroundColor: rows.map((r) => (r.roadClass === null ? '#0f2f57' : '#f9a825')), order: 1 },
        targetLine(rows.map((r) => r.targetPercent), tr('target')),
      ],
    },
    options: { plugins: legendBottom, scales: { y: rateAxis(values, Math.min(...rows.map((r) => r.targetPercent ?? 100))) } },
  });
  return section;
}

function bridgeCard() {
  const { section, canvas } = card('bridge-grades', tr('bridgeTitle'), ['CJJ 99-2017 BCI → A–E']);
  const grades = report.bridgeGrades;
  addChart('bridge-grades', canvas, {
    type: 'doughnut',
    data: {
      labels: grades.map((g) => g.grade || tr('ungraded')),
      datasets: [{ label: tr('bridgeTitle'), data: grades.map((g) => g.count), backgroundColor: grades.map((g) => gradeColors[g.grade] ?? '#90a4ae') }],
    },
    options: { plugins: { legend: { position: 'right', labels: { boxWidth: 12 } } } },
  });
  return section;
}

function sewerCard() {
  const { section, canvas } = card('sewer-grades', tr('sewerTitle'), ['CJJ 181-2012']);
  const s = report.sewerGrades;
  const grades = [...new Set([...s.structuralGrades.map((g) => g.grade), ...s.repairGrades.map((g) => g.grade)])];
  const count = (list, grade) => list.find((g) => g.grade === grade)?.count ?? 0;
  addChart('sewer-grades', canvas, {
    type: 'bar',
    data: {
      labels: grades.map((g) => g || tr('ungraded')),
      datasets: [
        { label: tr('structural'), data: grades.map((g) => count(s.structuralGrades, g)), backgroundColor: '#00838f' },
        { label: tr('repair'), data: grades.map((g) => count(s.repairGrades, g)), backgroundColor: '#ef6c00' },
      ],
    },
    options: { plugins: legendBottom, scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: tr('count') } } } },
  });
  return section;
}

function inspectionsCard() {
  const { section, canvas } = card('inspections', tr('inspectionsTitle'));
  const rows = report.inspections.districts;
  const keys = ['due', 'overdue', 'yellow', 'red', 'doneToday'];
  addChart('inspections', canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => nameOf(r.district, r.name)),
      datasets: keys.map((k) => ({ label: tr(k), data: rows.map((r) => r[k]), backgroundColor: taskColors[k] })),
    },
    options: { plugins: legendBottom, scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: tr('count') } } } },
  });
  return section;
}

function mapCard() {
  const select = el('select', { id: 'map-metric', 'aria-label': tr('mapMetric') },
    el('option', { value: 'overdue', text: tr('mapTitle') }), el('option', { value: 'assets', text: tr('mapAssets') }));
  return el('section', { className: 'card card-map', dataset: { chart: 'map' } },
    el('header', { className: 'card-header' }, el('h2', { text: tr('mapTitle') }), select),
    el('div', { id: 'district-map', className: 'district-map' }));
}

main();
