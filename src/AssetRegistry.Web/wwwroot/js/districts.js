// District names in the page's language, from /api/districts (properties adcode, name, nameEn): the Chinese name,
// or in English the English one, else the adcode.

import { currentLanguage } from './i18n.js';

/** (adcode, Chinese name the caller already has) → the name to show; null adcode → null. */
export function districtNamer(geojson) {
  const byCode = new Map((geojson?.features ?? []).map((f) => [String(f.properties.adcode), f.properties]));
  return (adcode, nameZh) => {
    if (adcode === null || adcode === undefined) return null;
    const known = byCode.get(String(adcode));
    return currentLanguage() === 'en' ? known?.nameEn ?? String(adcode) : nameZh ?? known?.name ?? String(adcode);
  };
}
