// Symbols of every kind, shared by vector tiles, GeoJSON layers and the legend: colour by condition, bridges by
// condition grade A–E, waterlogging points by risk, sewer segments by system with width by diameter; planned
// assets dashed, retired ones grey.

export const conditionColors = {
  good: '#2e7d32', fair: '#f9a825', poor: '#ef6c00', critical: '#c62828', unknown: '#90a4ae',
};
export const bridgeGradeColors = { A: '#1a9850', B: '#91cf60', C: '#e6c229', D: '#fc8d59', E: '#d73027' };
export const riskColors = { low: '#fdd835', medium: '#fb8c00', high: '#d32f2f' };
export const sewerSystemColors = { rain: '#1e88e5', sewage: '#795548', combined: '#8e24aa' };

/** Outline colour of each point kind, so kinds stay apart while the fill tells the condition. */
const pointKinds = {
  manholes: { color: '#37474f', radius: 4 },
  streetlights: { color: '#f57f17', radius: 4 },
  ancient_trees: { color: '#1b5e20', radius: 6 },
  waterlogging_points: { color: '#0d47a1', radius: 7 },
};

/** Pixel width of a sewer line for its diameter in millimetres. */
export function sewerWeight(diameterMm) {
  const d = Number(diameterMm) || 0;
  if (d >= 1000) return 6;
  if (d >= 600) return 4.5;
  if (d >= 300) return 3;
  return 2;
}

function applyStatus(style, status) {
  if (status === 'planned') return { ...style, dashArray: '4 3', fillOpacity: (style.fillOpacity ?? 1) * 0.4 };
  if (status === 'retired') return { ...style, color: '#9e9e9e', fillColor: '#cfd8dc', opacity: 0.7, fillOpacity: 0.5 };
  return style;
}

/** Leaflet path options for a feature of a kind from its properties (tile or GeoJSON); zoom scales points. */
export function styleFor(collection, properties, zoom = 16) {
  const p = properties ?? {};
  const scale = zoom >= 19 ? 1.6 : zoom >= 18 ? 1.3 : zoom >= 17 ? 1.1 : zoom >= 16 ? 0.85 : 0.7;
  let style;
  switch (collection) {
    case 'manholes':
    case 'streetlights':
    case 'ancient_trees': {
      const kind = pointKinds[collection];
      style = {
        color: kind.color, weight: 1.5, radius: kind.radius * scale, fill: true,
        fillColor: conditionColors[p.condition] ?? conditionColors.unknown, fillOpacity: 0.9,
      };
      break;
    }
    case 'waterlogging_points': {
      const treated = p.remediation_status === 'treated';
      style = {
        color: pointKinds.waterlogging_points.color, weight: 2, radius: pointKinds.waterlogging_points.radius * scale, fill: true,
        fillColor: treated ? '#ffffff' : (riskColors[p.risk_level] ?? riskColors.medium), fillOpacity: treated ? 0.6 : 0.9,
      };
      break;
    }
    case 'bridges':
      style = {
        color: bridgeGradeColors[p.condition_grade] ?? '#607d8b', weight: 6, fill: true,
        fillColor: bridgeGradeColors[p.condition_grade] ?? '#607d8b', fillOpacity: 0.5, lineCap: 'butt',
      };
      break;
    case 'sewer_segments':
      style = { color: sewerSystemColors[p.system] ?? '#546e7a', weight: sewerWeight(p.diameter_mm), fill: false, opacity: 0.9 };
      break;
    case 'parks':
      style = { color: '#2e7d32', weight: 1.5, fill: true, fillColor: '#66bb6a', fillOpacity: 0.35 };
      break;
    case 'residential_areas':
      style = { color: '#e65100', weight: 1, fill: true, fillColor: '#ffcc80', fillOpacity: 0.25 };
      break;
    default:
      style = { color: '#455a64', weight: 2, fill: true, fillColor: '#90a4ae', fillOpacity: 0.5, radius: 5 };
  }
  return applyStatus(style, p.status);
}

/** Style of the selected asset: the kind's symbol, outlined strongly. */
export function selectedStyle(collection, properties, zoom) {
  const base = styleFor(collection, properties, zoom);
  return { ...base, color: '#00e5ff', weight: Math.max(base.weight ?? 2, 3) + 1, opacity: 1 };
}

/** Drawing order, bottom first: areas under lines under points. */
export const drawOrder = [
  'residential_areas', 'parks', 'bridges', 'sewer_segments', 'manholes', 'streetlights', 'ancient_trees', 'waterlogging_points',
];

/** The legend symbol of a kind (its typical style). */
export function kindSymbol(collection, geometryTypes) {
  const shape = geometryTypes.includes('Point') ? 'point' : geometryTypes.includes('LineString') ? 'line' : 'area';
  const sample = { status: 'in_service', condition: 'good', condition_grade: 'A', system: 'rain', diameter_mm: 600, risk_level: 'medium' };
  return { shape, style: styleFor(collection, sample, 16) };
}
