// Park service-radius coverage: the city figure beside its target, a bar per district with the target line, the
// uncovered residential land on the map, and the what-if for parks drawn with Leaflet-Geoman (never saved).

import { getJson, postJson } from '../api.js';
import { districtNamer } from '../districts.js';
import { bindPair, pick, verificationNote } from '../i18n.js';
import { tr } from './messages.js';
import { busy, facts, formatNumber, formatPercent, report } from './progress.js';

const byId = (id) => document.getElementById(id);

/** The straight-line report, whatever shape the endpoint wraps it in. */
const straightReport = (body) => body?.report ?? body?.straight ?? body;

export class CoverageTool {
  constructor(map) {
    this.map = map;
    /** A district's name in the page's language (given the districts by the page once loaded). */
    this.nameOf = districtNamer(null);
    this.uncovered = L.geoJSON(null, {
      pmIgnore: true, interactive: false,
      style: { color: '#e65100', weight: 1, fillColor: '#ff9800', fillOpacity: 0.45 },
    }).addTo(map);
    this.newly = L.geoJSON(null, { pmIgnore: true, interactive: false, style: { color: '#1b5e20', weight: 1, fillColor: '#43a047', fillOpacity: 0.6 } }).addTo(map);
    this.proposed = L.featureGroup().addTo(map);
    this.chart = null;
    this.result = null;
    byId('uncovered-toggle').addEventListener('change', (e) => (e.target.checked ? this.uncovered.addTo(map) : this.uncovered.remove()));
    byId('whatif-draw').addEventListener('click', () => this.draw());
    byId('whatif-run').addEventListener('click', () => this.whatIf());
    byId('whatif-clear').addEventListener('click', () => this.clearProposals());
    map.on('pm:create', (e) => {
      if (e.shape !== 'Polygon') return;
      e.layer.setStyle({ color: '#1b5e20', weight: 3, dashArray: '6 4', fillColor: '#a5d6a7', fillOpacity: 0.35 });
      this.proposed.addLayer(e.layer);
      this.updateButtons();
    });
  }

  async load() {
    const status = byId('coverage-status');
    const done = busy(status, tr('running'));
    try {
      this.result = straightReport(await getJson('/api/analysis/park-coverage?mode=straight'));
      done();
      this.render();
    } catch (error) {
      report(status, error);
      return;
    }
    const stop = busy(status, tr('loadingUncovered'));
    try {
      const land = await getJson('/api/analysis/park-coverage/uncovered?mode=straight');
      this.uncovered.clearLayers().addData(land);
      stop();
      report(status, `${formatNumber(land.features.length)} ${tr('uncoveredShown')}`);
      if (this.uncovered.getBounds().isValid()) this.map.fitBounds(this.uncovered.getBounds(), { padding: [20, 20], maxZoom: 15 });
    } catch (error) {
      report(status, error);
    }
    await this.loadWalking();
  }

  /** Walking distance along the streets, beside the straight-line figure once it is ready (it takes longer). */
  async loadWalking() {
    const status = byId('coverage-status');
    const done = busy(status, tr('runningWalking'));
    try {
      this.walking = await getJson('/api/analysis/park-coverage?mode=walking');
      done();
      this.render();
    } catch (error) {
      report(status, error);
    }
  }

  get target() {
    const targets = this.result?.targets ?? [];
    return targets.find((t) => t.code === 'eco_garden_city') ?? [...targets].sort((a, b) => b.percent - a.percent)[0];
  }

  render() {
    if (!this.result) return;
    const r = this.result;
    const target = this.target;
    byId('coverage-city').textContent = formatPercent(r.city.coveragePercent);
    byId('coverage-city').classList.toggle('below', target && r.city.coveragePercent !== null && r.city.coveragePercent < target.percent);
    byId('coverage-target').textContent = target ? `≥ ${target.percent} %` : '—';
    // The target measured against is the bureau's choice in its targets table: the label names it.
    bindPair(byId('coverage-target-label'), target ? `目标（${target.titleZh}）` : '目标', target ? `Target (${target.titleEn})` : 'Target');
    const rules = (r.rules ?? []).map((rule) => `≥ ${formatNumber(rule.minAreaM2)} m² → ${rule.radiusM} m`).join('；');
    byId('coverage-note').textContent = `${tr('modeNote')} ${tr('parksCounted')}: ${formatNumber(r.parksCounted)}. ${tr('rules')}: ${rules}.`
      + (target ? ` ${tr('target')}: ${pick(target.titleZh, target.titleEn)} — ${target.source}${verificationNote(target.verification)}` : '')
      + (this.walking?.city ? ` ${tr('walkingCoverage')}: ${formatPercent(this.walking.city.coveragePercent)}.` : '');
    const walkingOf = (d) => (d.district === null ? this.walking?.city : this.walking?.districts?.find((w) => w.district === d.district))?.coveragePercent ?? null;
    const rows = [...r.districts, r.city];
    const label = (d) => (d.district === null ? tr('city') : this.nameOf(d.district, d.districtName));
    this.chart?.destroy();
    this.chart = new Chart(byId('chart-coverage'), {
      type: 'bar',
      data: {
        labels: rows.map(label),
        datasets: [
          { label: tr('straightCoverage'), data: rows.map((d) => d.coveragePercent), backgroundColor: rows.map((d) => (d.district === null ? '#0f2f57' : '#43a047')), order: 1 },
          {
            type: 'line', label: target ? `${tr('target')} ${target.percent} %` : tr('target'), data: rows.map(() => target?.percent ?? null),
            borderColor: '#c62828', borderDash: [6, 4], borderWidth: 2, pointRadius: 0, order: 0,
          },
          ...(this.walking ? [{ label: tr('walkingCoverage'), data: rows.map(walkingOf), backgroundColor: '#81c784', order: 2 }] : []),
        ],
      },
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: tr('coverage') } } },
      },
    });
  }

  draw() {
    this.map.pm.enableDraw('Polygon', { snappable: false, templineStyle: { color: '#1b5e20' }, hintlineStyle: { color: '#1b5e20', dashArray: '4 4' } });
    report(byId('whatif-status'), tr('drawing'));
  }

  updateButtons() {
    const any = this.proposed.getLayers().length > 0;
    byId('whatif-run').disabled = !any;
    byId('whatif-clear').disabled = !any && this.newly.getLayers().length === 0;
  }

  clearProposals() {
    this.proposed.clearLayers();
    this.newly.clearLayers();
    byId('whatif-result').hidden = true;
    report(byId('whatif-status'), '');
    this.updateButtons();
  }

  async whatIf() {
    const parks = this.proposed.getLayers().map((layer) => layer.toGeoJSON().geometry);
    const status = byId('whatif-status');
    if (parks.length === 0) {
      report(status, tr('drawFirst'));
      return;
    }
    const done = busy(status, tr('running'));
    byId('whatif-run').disabled = true;
    try {
      const body = await postJson('/api/analysis/park-coverage/what-if?mode=straight', { parks });
      done();
      const after = straightReport(body);
      this.newly.clearLayers().addData(body.newlyCovered ?? after.newlyCovered ?? { type: 'FeatureCollection', features: [] });
      facts(byId('whatif-result'), [
        [tr('proposed'), formatNumber(parks.length)],
        [tr('before'), formatPercent(after.city.coveragePercentBefore)],
        [tr('after'), formatPercent(after.city.coveragePercent)],
        [tr('newlyCovered'), `${formatNumber(after.city.newlyCoveredM2)} ${tr('squareMetres')}`],
      ]);
      byId('whatif-result').dataset.after = String(after.city.coveragePercent);
    } catch (error) {
      report(status, error);
    } finally {
      this.updateButtons();
    }
  }
}
