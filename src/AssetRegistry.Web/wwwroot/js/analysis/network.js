// The sewer network tools: an up- or downstream trace from a manhole (typed, searched by code or picked on the map),
// and from a waterlogging point the inlets within a radius with the network draining to them, which engineers turn
// into an emergency inspection campaign with one click.

import { getJson, postJson } from '../api.js';
import { el } from '../dom.js';
import { tr } from './messages.js';
import { busy, facts, formatNumber, report } from './progress.js';

const byId = (id) => document.getElementById(id);

const roleStyles = {
  segment: { color: '#1565c0', weight: 4, opacity: 0.9 },
  point: { radius: 9, color: '#01579b', fillColor: '#29b6f6', fillOpacity: 0.9, weight: 2 },
  start: { radius: 8, color: '#b71c1c', fillColor: '#ef5350', fillOpacity: 1, weight: 2 },
  inlet: { radius: 7, color: '#e65100', fillColor: '#ffb74d', fillOpacity: 1, weight: 2 },
  outfall: { radius: 7, color: '#004d40', fillColor: '#26a69a', fillOpacity: 1, weight: 2 },
  manhole: { radius: 4, color: '#0d47a1', fillColor: '#ffffff', fillOpacity: 1, weight: 2 },
};

/** Finds an asset's id from what the user typed: an id, or a code (or name) through the lookup API. */
async function resolve(text, collection) {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const { matches } = await getJson(`/api/assets/lookup?q=${encodeURIComponent(value)}&limit=20`);
  const ofKind = matches.filter((m) => m.collection === collection);
  const exact = ofKind.find((m) => (m.code ?? '').toLowerCase() === value.toLowerCase());
  return (exact ?? ofKind[0])?.id ?? null;
}

export class NetworkTools {
  constructor(map, me) {
    this.map = map;
    this.canCampaign = (me.roles ?? []).some((r) => r === 'admin' || r === 'engineer');
    this.layer = L.geoJSON(null, {
      pmIgnore: true,
      style: (f) => roleStyles[f.properties.role] ?? roleStyles.segment,
      pointToLayer: (f, latlng) => L.circleMarker(latlng, roleStyles[f.properties.role] ?? roleStyles.manhole),
      onEachFeature: (f, layer) => layer.bindTooltip(el('span', { text: [f.properties.code, f.properties.name].filter(Boolean).join(' ') })),
    }).addTo(map);
    this.drainage = null;
    byId('trace-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.trace();
    });
    byId('drainage-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.findDrainage();
    });
    byId('drainage-campaign').addEventListener('click', () => this.createCampaign());
    byId('trace-pick').addEventListener('change', (e) => {
      map.getContainer().classList.toggle('picking', e.target.checked);
      if (e.target.checked) report(byId('trace-status'), tr('pickHint'));
    });
    map.on('click', (e) => {
      if (byId('trace-pick').checked) this.pick(e.latlng);
    });
    this.placeholders();
  }

  placeholders() {
    byId('trace-manhole').placeholder = tr('tracePlaceholder');
    byId('drainage-point').placeholder = tr('drainagePlaceholder');
    const campaign = byId('drainage-campaign');
    campaign.disabled = !this.canCampaign;
    campaign.title = this.canCampaign ? '' : tr('campaignEditorsOnly');
  }

  draw(geoJson) {
    this.layer.clearLayers().addData(geoJson);
    this.layer.eachLayer((l) => l.feature.geometry.type === 'LineString' && l.bringToBack());
    if (this.layer.getBounds().isValid()) this.map.fitBounds(this.layer.getBounds(), { padding: [40, 40], maxZoom: 18 });
  }

  /** The manhole nearest a clicked point, from the items inside a small box around it. */
  async pick(latlng) {
    const status = byId('trace-status');
    const done = busy(status, tr('running'));
    const d = 0.0006;
    try {
      const page = await getJson(`/ogc/collections/manholes/items?bbox=${[latlng.lng - d, latlng.lat - d, latlng.lng + d, latlng.lat + d].map((v) => v.toFixed(6)).join(',')}&limit=200`);
      done();
      const nearest = page.features
        .map((f) => ({ f, m: this.map.distance(latlng, L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0])) }))
        .sort((a, b) => a.m - b.m)[0];
      if (!nearest) {
        report(status, tr('noManholeNear'));
        return;
      }
      byId('trace-manhole').value = nearest.f.properties.code ?? String(nearest.f.id);
      await this.trace(nearest.f.id);
    } catch (error) {
      report(status, error);
    }
  }

  async trace(knownId) {
    const status = byId('trace-status');
    const text = byId('trace-manhole').value;
    const done = busy(status, tr('running'));
    try {
      const id = knownId ?? await resolve(text, 'manholes');
      if (id === null) {
        report(status, tr('notFound') + text);
        return;
      }
      const direction = byId('trace-direction').value;
      const body = await getJson(`/api/analysis/sewer/trace/geojson?from=manhole:${id}&direction=${encodeURIComponent(direction)}`);
      done();
      this.draw(body.geoJson);
      const t = body.trace;
      const outfalls = t.outfallIds.length ? t.outfallIds.join(', ') : tr('none');
      facts(byId('trace-result'), [
        [tr('start'), String(t.startManholeId)], [tr('segments'), formatNumber(t.segmentIds.length)],
        [tr('manholes'), formatNumber(t.manholeIds.length)], [tr('totalLength'), `${formatNumber(t.totalLengthM, 1)} ${tr('metres')}`],
        [tr('outfalls'), outfalls],
      ]);
    } catch (error) {
      report(status, error);
    }
  }

  async findDrainage() {
    const status = byId('drainage-status');
    const text = byId('drainage-point').value;
    const radius = byId('drainage-radius').value || '200';
    const done = busy(status, tr('running'));
    byId('drainage-campaign').hidden = true;
    try {
      const id = await resolve(text, 'waterlogging_points');
      if (id === null) {
        report(status, tr('notFound') + text);
        return;
      }
      const result = await getJson(`/api/analysis/waterlogging/${id}/drainage?radius=${encodeURIComponent(radius)}&geojson=true`);
      done();
      this.drainage = result;
      this.draw(result.geoJson);
      facts(byId('drainage-result'), [
        [tr('inlets'), result.inlets.map((i) => `${i.code} (${formatNumber(i.distanceM)} ${tr('metres')})`).join('、') || tr('none')],
        [tr('upstreamManholes'), formatNumber(result.manholeIds.length)], [tr('segments'), formatNumber(result.segmentIds.length)],
        [tr('totalLength'), `${formatNumber(result.totalLengthM, 1)} ${tr('metres')}`],
      ]);
      byId('drainage-campaign').hidden = false;
    } catch (error) {
      report(status, error);
    }
  }

  async createCampaign() {
    if (!this.drainage) return;
    const status = byId('drainage-status');
    const button = byId('drainage-campaign');
    button.disabled = true;
    const done = busy(status, tr('campaignCreating'));
    try {
      const created = await postJson(
        `/api/analysis/waterlogging/${this.drainage.pointId}/drainage/campaign?radius=${encodeURIComponent(this.drainage.radiusM)}`, { reason: 'rainstorm' });
      done();
      report(status, `${tr('campaignCreated')}#${created.id} · ${created.assets} ${tr('tasks')}`);
      status.dataset.campaign = String(created.id);
    } catch (error) {
      report(status, error);
      button.disabled = false;
    }
  }
}
