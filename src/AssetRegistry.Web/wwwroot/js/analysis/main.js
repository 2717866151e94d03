// The planners' analysis page: park coverage with its target and the uncovered land, what-if parks, sewer traces,
// the drainage of waterlogging points and the topology report, on one Leaflet map.

import { getJson } from '../api.js';
import { clear, el, swatch } from '../dom.js';
import { districtNamer } from '../districts.js';
import { currentLanguage, onLanguageChange, pick, setLanguage, translate } from '../i18n.js';
import { CoverageTool } from './coverage.js';
import { tr } from './messages.js';
import { NetworkTools } from './network.js';
import { TopologyTool } from './topology.js';

const analysisRoles = ['admin', 'planner', 'engineer'];

function setTitle() {
  document.title = `${tr('pageTitle')} · ${pick('泉州市市政设施资产登记', 'Quanzhou infrastructure asset registry')}`;
}

async function main() {
  translate();
  setTitle();
  document.getElementById('lang-button').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
  const [me, config] = await Promise.all([getJson('/api/me'), getJson('/api/map/config')]);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  const map = L.map('analysis-map', { zoomControl: false, minZoom: 8, maxZoom: 21 }).setView([config.center[1], config.center[0]], config.zoom);
  L.control.zoom({ position: 'bottomright' }).addTo(map);
  L.control.scale({ imperial: false, position: 'bottomleft', maxWidth: 160 }).addTo(map);
  for (const basemap of config.basemap ?? []) {
    L.tileLayer(basemap.urlTemplate, {
      attribution: basemap.attribution, subdomains: basemap.subdomains?.length ? basemap.subdomains : 'abc', maxZoom: 21, maxNativeZoom: basemap.maxZoom,
    }).addTo(map);
  }
  if (!config.basemap?.length) map.getContainer().classList.add('map-plain');
  map.attributionControl.setPrefix(false);
  map.pm.setLang(currentLanguage() === 'en' ? 'en' : 'zh');
  const districts = getJson('/api/districts').catch(() => null);
  districts.then((geojson) => geojson && L.geoJSON(geojson, {
    pmIgnore: true, interactive: false, style: { color: '#5e35b1', weight: 1.5, opacity: 0.7, dashArray: '6 4', fill: false },
  }).addTo(map).bringToBack());

  const legend = L.control({ position: 'topright' });
  legend.onAdd = () => el('div', { className: 'analysis-legend' });
  legend.addTo(map);
  const drawLegend = () => clear(legend.getContainer()).append(...[
    ['rect', { color: '#e65100', fillColor: '#ff9800', fillOpacity: 0.45 }, 'legendUncovered'],
    ['rect', { color: '#1b5e20', fillColor: '#43a047', fillOpacity: 0.6 }, 'legendNewly'],
    ['rect', { color: '#1b5e20', weight: 2, dashArray: '4 3', fillColor: '#a5d6a7', fillOpacity: 0.35 }, 'proposed'],
    ['line', { color: '#1565c0', weight: 4 }, 'legendTrace'],
    ['point', { color: '#e65100', fillColor: '#ffb74d', radius: 5 }, 'inlets'],
    ['point', { color: '#b71c1c', fillColor: '#ef5350', radius: 5 }, 'start'],
  ].map(([shape, style, key]) => el('div', { className: 'legend-row' }, swatch(shape, style), el('span', { text: tr(key) }))));
  drawLegend();

  const allowed = (me.roles ?? []).some((r) => analysisRoles.includes(r));
  if (!allowed) {
    document.getElementById('access').hidden = false;
    for (const tool of document.querySelectorAll('.tool')) tool.hidden = true;
    document.body.dataset.ready = 'true';
    return;
  }
  const coverage = new CoverageTool(map);
  const network = new NetworkTools(map, me);
  const topology = new TopologyTool();
  onLanguageChange((language) => {
    setTitle();
    drawLegend();
    map.pm.setLang(language === 'en' ? 'en' : 'zh');
    coverage.render();
    network.placeholders();
    topology.render();
  });
  window.registryAnalysis = { map, coverage, network, topology, uncoveredCount: () => coverage.uncovered.getLayers().length };
  document.body.dataset.ready = 'true';
  coverage.nameOf = districtNamer(await districts);
  await coverage.load();
  document.body.dataset.coverageReady = 'true';
}

main();
