// Builds DOM nodes with text set through textContent only: no data ever passes through innerHTML.

/**
 * Creates an element. attrs: plain attributes, plus `className`, `text` (textContent), `dataset` and `on`
 * (event listeners). Children may be nodes, strings (text nodes) or null.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

const svgNs = 'http://www.w3.org/2000/svg';

/** A small legend swatch: a circle, a line or a filled square in the given style. */
export function swatch(shape, style) {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('swatch');
  let node;
  if (shape === 'point') {
    node = document.createElementNS(svgNs, 'circle');
    node.setAttribute('cx', '11');
    node.setAttribute('cy', '7');
    node.setAttribute('r', String(Math.min(style.radius ?? 5, 6)));
  } else if (shape === 'line') {
    node = document.createElementNS(svgNs, 'line');
    node.setAttribute('x1', '1');
    node.setAttribute('y1', '7');
    node.setAttribute('x2', '21');
    node.setAttribute('y2', '7');
  } else {
    node = document.createElementNS(svgNs, 'rect');
    node.setAttribute('x', '2');
    node.setAttribute('y', '1');
    node.setAttribute('width', '18');
    node.setAttribute('height', '12');
  }
  node.setAttribute('stroke', style.color ?? '#333');
  node.setAttribute('stroke-width', String(Math.min(style.weight ?? 1, 6)));
  if (style.dashArray) node.setAttribute('stroke-dasharray', style.dashArray);
  node.setAttribute('stroke-opacity', String(style.opacity ?? 1));
  node.setAttribute('fill', shape === 'line' ? 'none' : (style.fill === false ? 'none' : (style.fillColor ?? style.color ?? '#333')));
  node.setAttribute('fill-opacity', String(style.fillOpacity ?? 1));
  svg.append(node);
  return svg;
}

/** Saves text as a file download (CSV, GeoJSON) without a server round trip. */
export function download(fileName, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
