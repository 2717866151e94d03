// 告警: the alerts nobody has acknowledged (/api/alerts), newest first, each with its asset's code linked to the map
// at the asset and an acknowledge button. Polled every 30 s; the tab's badge shows how many there are.

import { ApiError, getFeature, getJson } from '../api.js';
import { clear, el } from '../dom.js';
import { isEnglish } from '../i18n.js';
import { errorText, kindTitle, toast } from './common.js';
import { postEmpty } from './office-api.js';
import { formatCount, formatMoment, hasText, tx } from './text.js';

const pollMilliseconds = 30_000;
/** The zoom the map opens at for an asset (the map's editing level). */
const assetZoom = 18;

export class AlertsSection {
  constructor(context) {
    this.context = context;
    this.list = document.getElementById('alert-list');
    this.status = document.getElementById('alerts-status');
    this.updated = document.getElementById('alerts-updated');
    this.badge = document.getElementById('alert-badge');
    this.alerts = [];
    this.assets = new Map();
    this.loadedAt = null;
    document.getElementById('alerts-refresh').addEventListener('click', () => this.load());
  }

  /** Loads now and every 30 s after (the timer also runs while another section is shown, for the badge). */
  start() {
    this.load();
    setInterval(() => this.load(), pollMilliseconds);
  }

  async load() {
    try {
      const { alerts } = await getJson('/api/alerts');
      await Promise.all(alerts.map((a) => this.assetOf(a)));
      this.alerts = alerts;
      this.loadedAt = new Date().toISOString();
      this.status.textContent = '';
      this.render();
    } catch (error) {
      this.status.textContent = errorText(error);
    }
  }

  /** The alert's asset (code, name, a point to show it at); null when it has been deleted. Cached per asset. */
  async assetOf(alert) {
    const key = `${alert.collection}:${alert.assetId}`;
    if (this.assets.has(key)) return this.assets.get(key);
    let asset = null;
    try {
      const { feature } = await getFeature(alert.collection, alert.assetId);
      asset = { code: feature.properties?.code ?? '', name: feature.properties?.name ?? '', centre: centreOf(feature.geometry) };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    this.assets.set(key, asset);
    return asset;
  }

  render() {
    const count = this.alerts.length;
    this.badge.hidden = count === 0;
    this.badge.textContent = formatCount(count);
    this.badge.setAttribute('aria-label', tx('alertCount', { n: count }));
    this.updated.textContent = this.loadedAt ? tx('updatedAt', { time: formatMoment(this.loadedAt) }) : '';
    clear(this.list);
    if (count === 0) {
      this.list.append(el('li', { className: 'empty' }, tx('noAlerts')));
      return;
    }
    for (const alert of this.alerts) this.list.append(this.item(alert));
  }

  item(alert) {
    const asset = this.assets.get(`${alert.collection}:${alert.assetId}`);
    const severe = alert.kind === 'bridge_grade_e' || alert.kind === 'cover_missing';
    // The server words the message in Chinese with the asset's code; in English the kind's own label is shown.
    const headline = isEnglish() && hasText(`alert_${alert.kind}`) ? tx(`alert_${alert.kind}`) : alert.message;
    const code = asset?.code || `#${alert.assetId}`;
    const link = asset?.centre
      ? el('a', { className: 'asset-link', href: `/#${assetZoom}/${asset.centre[1].toFixed(6)}/${asset.centre[0].toFixed(6)}`, title: tx('showOnMap') }, code)
      : el('span', { className: 'asset-link asset-gone' }, `${code} (${tx('assetGone')})`);
    const button = el('button', { type: 'button', className: 'button button-small', dataset: { alertId: alert.id } }, tx('acknowledge'));
    button.addEventListener('click', () => this.acknowledge(alert, button));
    return el('li', { className: `alert-item ${severe ? 'alert-severe' : 'alert-warning'}`, dataset: { alertId: alert.id, kind: alert.kind } },
      el('span', { className: 'alert-icon', 'aria-hidden': 'true' }, '!'),
      el('div', { className: 'alert-body' },
        el('p', { className: 'alert-message' }, headline),
        el('p', { className: 'alert-meta' },
          el('span', { className: 'alert-kind' }, kindTitle(this.context, alert.collection)), ' · ', link,
          asset?.name ? el('span', { className: 'asset-name' }, ` ${asset.name}`) : null,
          alert.taskId ? el('span', { className: 'muted' }, ` · ${tx('task')} #${alert.taskId}`) : null),
        el('p', { className: 'alert-time muted' }, `${tx('raisedAt')} ${formatMoment(alert.raisedAt)}`)),
      button);
  }

  async acknowledge(alert, button) {
    button.disabled = true;
    button.textContent = tx('acknowledging');
    try {
      await postEmpty(`/api/alerts/${encodeURIComponent(alert.id)}/acknowledge`);
      this.alerts = this.alerts.filter((a) => a.id !== alert.id);
      this.render();
      toast(tx('acknowledged'), 'success');
    } catch (error) {
      button.disabled = false;
      button.textContent = tx('acknowledge');
      toast(errorText(error), 'error');
    }
  }
}

/** [lon, lat] to show a geometry at: a point itself, otherwise the middle of its bounding box. */
function centreOf(geometry) {
  if (!geometry) return null;
  if (geometry.type === 'Point') return geometry.coordinates;
  const xs = [];
  const ys = [];
  const walk = (c) => {
    if (typeof c[0] === 'number') { xs.push(c[0]); ys.push(c[1]); } else c.forEach(walk);
  };
  walk(geometry.coordinates);
  if (!xs.length) return null;
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
