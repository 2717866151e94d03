// A small Leaflet map of the districts shaded by one figure of the statistics report (overdue tasks or assets).

import { clear, el } from '../dom.js';
import { currentLanguage } from '../i18n.js';
import { tr } from './messages.js';

const shades = ['#fff3e0', '#ffcc80', '#ffa726', '#ef6c00', '#bf360c'];

export class DistrictChoropleth {
  constructor(container, districts, report, select) {
    this.report = report;
    this.map = L.map(container, { zoomControl: true, attributionControl: false, scrollWheelZoom: false });
    this.districts = districts;
    this.layer = L.geoJSON(districts, { style: (f) => this.style(f) }).addTo(this.map);
    this.layer.eachLayer((layer) => layer.bindTooltip(() => this.tooltip(layer.feature), { sticky: true }));
    if (this.layer.getBounds().isValid()) this.map.fitBounds(this.layer.getBounds(), { padding: [8, 8] });
    this.legend = L.control({ position: 'bottomright' });
    this.legend.onAdd = () => el('div', { className: 'choropleth-legend' });
    this.legend.addTo(this.map);
    this.metric = select.value;
    select.addEventListener('change', () => {
      this.metric = select.value;
      this.refresh();
    });
    this.refresh();
  }

  value(adcode) {
    if (this.metric === 'assets') return this.report.assets.filter((a) => a.district === adcode).reduce((s, a) => s + a.count, 0);
    return this.report.inspections.districts.find((d) => d.district === adcode)?.overdue ?? 0;
  }

  get maximum() {
    return Math.max(0, ...this.districts.features.map((f) => this.value(String(f.properties.adcode))));
  }

  shade(value) {
    const max = this.maximum;
    if (max === 0 || value === 0) return '#f5f5f5';
    return shades[Math.min(shades.length - 1, Math.floor((value / max) * (shades.length - 1) + 0.0001))];
  }

  style(feature) {
    return { color: '#5e35b1', weight: 1, fillColor: this.shade(this.value(String(feature.properties.adcode))), fillOpacity: 0.85 };
  }

  tooltip(feature) {
    const name = currentLanguage() === 'en' ? feature.properties.nameEn ?? String(feature.properties.adcode) : feature.properties.name;
    return el('span', { text: `${name}: ${this.value(String(feature.properties.adcode)).toLocaleString()}` });
  }

  refresh() {
    this.layer.setStyle((f) => this.style(f));
    const max = this.maximum;
    const box = clear(this.legend.getContainer());
    box.append(el('strong', { text: this.metric === 'assets' ? tr('mapAssets') : tr('mapTitle') }));
    const steps = max === 0 ? [0] : shades.map((_, i) => Math.round((max * i) / (shades.length - 1)));
    for (const v of [...new Set(steps)]) box.append(el('div', {}, el('i', { style: `background:${this.shade(v)}` }), el('span', { text: v.toLocaleString() })));
  }

  remove() {
    this.map.remove();
  }
}
