// The small map on the OGC items and item pages: fetches the page's own GeoJSON (the element's data-src, same
// origin, with the browser's sign-in) and draws it with the vendored Leaflet; no basemap, no inline script.
const element = document.getElementById('ogc-map');
if (element && window.L) {
  const map = L.map(element, { attributionControl: false });
  map.setView([24.9, 118.6], 10);
  fetch(element.dataset.src, { headers: { Accept: 'application/geo+json' }, credentials: 'same-origin' })
    .then(response => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then(geojson => {
      const layer = L.geoJSON(geojson, {
        pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 5, weight: 1, color: '#1f4e79', fillOpacity: 0.7 }),
        style: { color: '#1f4e79', weight: 2 },
      }).addTo(map);
      const bounds = layer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 17, padding: [12, 12] });
      element.dataset.features = String(layer.getLayers().length);
    })
    .catch(() => { element.dataset.error = 'true'; });
}
