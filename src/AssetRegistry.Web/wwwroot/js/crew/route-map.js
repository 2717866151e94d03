// The route of one work list on a Leaflet map: the stops as numbered markers (their number set as text on a built
// element, never as HTML), the route as a line through them in stop order, and the list's district outlined.

import { el } from '../dom.js';

const routeStyle = { color: '#1565c0', weight: 4, opacity: 0.75, dashArray: '8 6', lineJoin: 'round' };
const districtStyle = { color: '#5e35b1', weight: 1.5, dashArray: '4 3', fill: false, interactive: false };

function stopIcon(stop, state) {
  const classes = ['stop-pin', `stop-pin-${state}`];
  if (stop.confinedSpace) classes.push('stop-pin-confined');
  const label = el('span', { className: classes.join(' ') }, el('span', { className: 'stop-pin-number', text: String(stop.stopNumber) }));
  return L.divIcon({ html: label, className: 'stop-marker', iconSize: [34, 34], iconAnchor: [17, 17] });
}

export class RouteMap {
  /** container: the map element; config: /api/map/config; onStopClick(taskId). */
  constructor(container, config, onStopClick) {
    this.onStopClick = onStopClick;
    this.markers = new Map();
    this.stops = [];
    this.map = L.map(container, { zoomControl: false, minZoom: 8, maxZoom: 20 })
      .setView([config.center[1], config.center[0]], Math.min(config.zoom, 13));
    L.control.zoom({ position: 'bottomright' }).addTo(this.map);
    L.control.scale({ imperial: false, position: 'bottomleft', maxWidth: 120 }).addTo(this.map);
    for (const basemap of config.basemap ?? []) {
      L.tileLayer(basemap.urlTemplate, {
        attribution: basemap.attribution, subdomains: basemap.subdomains?.length ? basemap.subdomains : 'abc', maxZoom: 20, maxNativeZoom: basemap.maxZoom,
      }).addTo(this.map);
    }
    if (!config.basemap?.length) container.classList.add('map-plain');
    this.map.attributionControl.setPrefix(false);
    this.routeLayer = L.layerGroup().addTo(this.map);
    this.districtLayer = null;
    // The page layout changes the map's size (rotation, the sheet); Leaflet must know, or taps land beside markers.
    new ResizeObserver(() => this.map.invalidateSize({ pan: false })).observe(container);
  }

  /** Outlines the district (adcode) from the /api/districts GeoJSON. */
  showDistrict(geojson, adcode) {
    this.districtLayer?.remove();
    const own = { ...geojson, features: (geojson.features ?? []).filter((f) => String(f.properties?.adcode) === String(adcode)) };
    this.districtLayer = L.geoJSON(own, { style: districtStyle, interactive: false }).addTo(this.map);
    this.districtLayer.bringToBack();
  }

  /** Draws the stops (in stop order) and the route; fits the view to them. states: taskId → 'open' | 'done' | 'current'. */
  show(stops, states) {
    this.stops = stops;
    this.routeLayer.clearLayers();
    this.markers.clear();
    const located = stops.filter((s) => s.lon != null && s.lat != null);
    if (located.length > 1) L.polyline(located.map((s) => [s.lat, s.lon]), { ...routeStyle, interactive: false }).addTo(this.routeLayer);
    for (const stop of located) {
      const marker = L.marker([stop.lat, stop.lon], {
        icon: stopIcon(stop, states.get(stop.taskId) ?? 'open'),
        title: `${stop.stopNumber} · ${stop.assetCode ?? ''}`,
        alt: String(stop.stopNumber),
        keyboard: true,
        riseOnHover: true,
      });
      marker.on('click', () => this.onStopClick(stop.taskId));
      marker.addTo(this.routeLayer);
      this.markers.set(stop.taskId, marker);
    }
    if (located.length > 0) {
      const bounds = L.latLngBounds(located.map((s) => [s.lat, s.lon]));
      this.map.fitBounds(bounds, { padding: [36, 36], maxZoom: 18 });
    }
  }

  /** Re-draws the markers whose state changed; the current stop is drawn above the others. */
  setStates(states) {
    for (const stop of this.stops) {
      const marker = this.markers.get(stop.taskId);
      if (!marker) continue;
      const state = states.get(stop.taskId) ?? 'open';
      marker.setIcon(stopIcon(stop, state));
      marker.setZIndexOffset(state === 'current' ? 1000 : 0);
    }
  }

  /** Pans to a stop without changing the zoom much. */
  focus(taskId) {
    const marker = this.markers.get(taskId);
    if (marker) this.map.panTo(marker.getLatLng());
  }
}
