// What the page can learn from the chosen file before uploading it: its format from the extension and, for CSV and
// GeoJSON, the field names and one sample value each, read from the start of the file only (never the whole file).

/** Bytes read from the start of the file to find the header (CSV) or the first feature's properties (GeoJSON). */
const previewBytes = 1024 * 1024;

/** The import format a file name suggests, or '' when the extension says nothing. */
export function formatOf(fileName) {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson';
  if (name.endsWith('.zip')) return 'shapefile';
  if (name.endsWith('.gpkg')) return 'geopackage';
  return '';
}

/**
 * The column names a CSV's geometry is read from, as the import reads them (CsvFeatureSource's WktNames, XNames and
 * YNames; a test keeps the two equal): trimmed, in any case; a WKT column, else an easting or longitude column and
 * a northing or latitude one.
 */
export const csvGeometryNames = {
  wkt: ['wkt', 'geometry', 'geom', 'the_geom', 'shape', '几何'],
  x: ['longitude', 'lon', 'lng', 'long', 'x', 'easting', '经度', '东坐标'],
  y: ['latitude', 'lat', 'y', 'northing', '纬度', '北坐标'],
};

/**
 * [{field, sample}] from the file's start for CSV and GeoJSON; null for the other formats or when not found. A CSV
 * column the import takes the geometry from, rather than a field, has `geometry`: 'wkt', 'x' or 'y'.
 */
export async function readFields(file, format) {
  if (format !== 'csv' && format !== 'geojson') return null;
  const text = decode(await file.slice(0, previewBytes).arrayBuffer());
  return format === 'csv' ? csvFields(text) : geoJsonFields(text);
}

/** UTF-8 when the bytes are UTF-8, else GBK (as Excel on a Chinese Windows saves CSV); the byte-order mark dropped. */
function decode(buffer) {
  const bytes = new Uint8Array(buffer);
  try {
    // The slice may end inside a character: decode in streaming mode so a cut last character is not an error.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

function csvFields(text) {
  const firstLine = text.slice(0, text.search(/\r?\n/) === -1 ? text.length : text.search(/\r?\n/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length]).sort((a, b) => b[1] - a[1])[0][0];
  const records = parseCsv(text, delimiter, 2);
  if (records.length === 0) return null;
  const [header, first = []] = records;
  const fields = header.map((field, i) => ({ field: field.trim(), sample: first[i] ?? '' }));
  markGeometry(fields);
  return fields.filter((f) => f.field !== '');
}

/** Marks the columns as the import picks them: the first WKT column, else the first of each coordinate. */
function markGeometry(fields) {
  const found = {};
  fields.forEach((f, i) => {
    const name = f.field.toLowerCase();
    const role = ['wkt', 'x', 'y'].find((r) => found[r] === undefined && csvGeometryNames[r].includes(name));
    if (role) found[role] = i;
  });
  const roles = found.wkt !== undefined ? ['wkt'] : found.x !== undefined && found.y !== undefined ? ['x', 'y'] : [];
  for (const role of roles) fields[found[role]].geometry = role;
}

/** The first `limit` records of CSV text (RFC 4180 quoting, quotes doubled inside quoted fields). */
function parseCsv(text, delimiter, limit) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && records.length < limit; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) { record.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (records.length < limit && (field !== '' || record.length > 0)) records.push([...record, field]);
  return records;
}

/** The keys of the first feature's non-null properties object, found by matching its braces. */
function geoJsonFields(text) {
  const pattern = /"properties"\s*:\s*\{/g;
  let match;
  while ((match = pattern.exec(text)) !== null) {
    const start = match.index + match[0].length - 1;
    const end = matchingBrace(text, start);
    if (end < 0) return null;
    try {
      const properties = JSON.parse(text.slice(start, end + 1));
      return Object.entries(properties).map(([field, value]) => ({ field, sample: value === null || typeof value === 'object' ? '' : String(value) }));
    } catch {
      pattern.lastIndex = end;
    }
  }
  return null;
}

function matchingBrace(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The attribute a source field most likely fills: same name (any case), the name cut to the 10 characters a
 * Shapefile keeps, or the attribute's Chinese or English title; '' when none.
 */
export function guessAttribute(field, attributes) {
  const f = field.trim().toLowerCase();
  const found = attributes.find((a) => a.name.toLowerCase() === f)
    ?? attributes.find((a) => a.name.length > 10 && a.name.slice(0, 10).toLowerCase() === f)
    ?? attributes.find((a) => (a.titleZh ?? '').trim() === field.trim() || (a.titleEn ?? '').trim().toLowerCase() === f);
  return found?.name ?? '';
}
