// Every text of the map page in Simplified Chinese (default) and English. Attribute titles come from the
// collection's queryables (title / x-title-en); enumeration codes are labelled by the server's table
// (AssetRegistry.Domain.Assets.EnumerationLabels, served as enum-labels.js), which its own pages use too.

import { enumLabels } from './enum-labels.js';

const storageKey = 'assetRegistry.lang';

const messages = {
  notVerified: ['（未经核实）', ' (not verified)'],
  partlyVerified: ['（部分核实）', ' (partly verified)'],
  appTitle: ['泉州市市政设施资产登记', 'Quanzhou infrastructure asset registry'],
  appSubtitle: ['泉州市城市管理局', 'Quanzhou Urban Management Bureau'],
  searchPlaceholder: ['搜索编码或名称…', 'Search code or name…'],
  searchNoMatch: ['没有匹配的资产', 'No matching asset'],
  layers: ['图层', 'Layers'],
  legend: ['图层与图例', 'Layers and legend'],
  districts: ['行政区界', 'District boundaries'],
  add: ['新增', 'Add'],
  addAsset: ['新增资产', 'Add an asset'],
  chooseKind: ['选择要新增的资产类型', 'Choose the kind of asset to add'],
  selectArea: ['框选', 'Select area'],
  undo: ['撤销', 'Undo'],
  undoNothing: ['没有可撤销的操作', 'Nothing to undo'],
  undoOf: ['撤销：', 'Undo: '],
  signOut: ['退出', 'Sign out'],
  accountTitle: ['账户与 API 令牌', 'Account and API tokens'],
  language: ['English', '中文'],
  languageTitle: ['切换到英文', 'Switch to Chinese'],
  close: ['关闭', 'Close'],
  cancel: ['取消', 'Cancel'],
  save: ['保存', 'Save'],
  delete: ['删除', 'Delete'],
  attributes: ['属性', 'Attributes'],
  history: ['历史', 'History'],
  zoomTo: ['定位', 'Zoom to'],
  editGeometry: ['放大以编辑图形', 'Zoom in to edit the shape'],
  geometryChanged: ['图形已修改，保存后生效', 'Shape changed; saved with the next save'],
  geometryEditable: ['可拖动图形或节点进行移动和修改', 'Drag the shape or its vertices to move or reshape it'],
  readOnlyUser: ['您的角色只能查看，不能编辑。', 'Your role may view but not edit.'],
  required: ['必填', 'required'],
  empty: ['（空）', '(empty)'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  loading: ['加载中…', 'Loading…'],
  saved: ['已保存', 'Saved'],
  savedWithWarnings: ['已保存，但请注意：', 'Saved, but note:'],
  created: ['已新增', 'Created'],
  deleted: ['已删除', 'Deleted'],
  undone: ['已撤销', 'Undone'],
  newAsset: ['新增', 'New'],
  drawPoint: ['在地图上点击放置', 'Click on the map to place'],
  drawLine: ['在地图上依次点击绘制线，点击最后一点结束', 'Click on the map to draw the line; click the last point to finish'],
  drawPolygon: ['在地图上依次点击绘制多边形，点击第一点闭合', 'Click on the map to draw the polygon; click the first point to close it'],
  drawSewer: ['从上游检查井画到下游检查井（端点会吸附到检查井）', 'Draw from the upstream to the downstream manhole (ends snap to manholes)'],
  drawSelection: ['绘制多边形以选择其中的资产', 'Draw a polygon to select the assets inside it'],
  zoomedForEditing: ['已放大到编辑级别', 'Zoomed in to the editing level'],
  sewerEndsNotSnapped: ['未找到附近的检查井，请手动填写起点井和终点井', 'No manhole near an end; fill in the upstream and downstream manholes'],
  confirmDeleteTitle: ['确认删除', 'Confirm deletion'],
  confirmDelete: ['确定删除此资产吗？删除会记入历史，可立即撤销。', 'Delete this asset? The deletion is recorded in the history and can be undone right away.'],
  conflictTitle: ['编辑冲突：他人已修改此资产', 'Edit conflict: someone else changed this asset'],
  conflictIntro: ['您编辑期间，此资产已被修改。未写入任何内容。请比较后选择：', 'The asset was changed while you were editing. Nothing was written. Compare and choose:'],
  conflictDeleted: ['此资产已被他人删除。', 'Someone else has deleted this asset.'],
  conflictChangedBy: ['当前版本修改人', 'Current version by'],
  property: ['属性', 'Property'],
  yourVersion: ['您的版本', 'Your version'],
  currentVersion: ['当前版本', 'Current version'],
  reload: ['放弃我的修改，加载当前版本', 'Discard mine and load the current version'],
  reapply: ['在当前版本上重新应用我的修改', 'Re-apply my changes to the current version'],
  geometry: ['图形', 'Shape'],
  changedShape: ['（图形已更改）', '(shape changed)'],
  historyEmpty: ['没有历史记录', 'No recorded changes'],
  opCreate: ['新增', 'Created'],
  opUpdate: ['修改', 'Changed'],
  opDelete: ['删除', 'Deleted'],
  opImport: ['导入', 'Imported'],
  version: ['版本', 'Version'],
  selection: ['选择结果', 'Selection'],
  selectionCount: ['个资产', 'assets'],
  selectionTruncated: ['结果过多，仅显示前', 'Too many results; showing the first'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  exporting: ['正在导出…', 'Exporting…'],
  exportButton: ['导出', 'Export'],
  exportSelection: ['导出所选…', 'Export selection…'],
  exportTitle: ['导出数据', 'Export data'],
  exportCollection: ['图层', 'Layer'],
  exportFormat: ['格式', 'Format'],
  exportCrs: ['坐标系', 'Coordinate system'],
  exportScope: ['范围', 'Scope'],
  exportScopeCollection: ['整个图层', 'Whole layer'],
  exportScopeView: ['当前视野', 'Current map view'],
  exportScopeSelection: ['框选范围', 'Drawn selection'],
  exportNoSelection: ['先用“框选”画出范围，才能只导出其中的资产。', 'Draw an area with “Select area” first to export only what is inside it.'],
  exportCount: ['将导出的要素数：', 'Features to export:'],
  exportTooManyRows: ['Excel 工作表放不下这么多行，请选择 CSV 或 GeoPackage，或缩小范围。上限：', 'Too many rows for an Excel sheet; choose CSV or GeoPackage, or narrow the scope. Limit:'],
  exportDownload: ['下载', 'Download'],
  clear: ['清除', 'Clear'],
  kind: ['类型', 'Kind'],
  statusLegend: ['状态', 'Status'],
  conditionLegend: ['状况（填充色）', 'Condition (fill)'],
  bridgeGradeLegend: ['桥梁完好状态等级', 'Bridge condition grade'],
  riskLegend: ['积水点风险等级', 'Waterlogging risk'],
  sewerLegend: ['排水体制（线宽随管径）', 'Sewer system (width by diameter)'],
  treatedLegend: ['已整治（空心）', 'Treated (hollow)'],
  noGrade: ['未评定', 'Not graded'],
  lon: ['经度', 'Lon'],
  lat: ['纬度', 'Lat'],
  scaleNote: ['比例尺', 'Scale'],
  tilesFallback: ['矢量瓦片服务不可用，当前按视野加载 GeoJSON', 'Vector tiles unavailable; loading GeoJSON for the view'],
  zoomInToSee: ['放大后显示', 'shown when zoomed in'],
  errorValidation: ['请更正标出的字段。', 'Please correct the marked fields.'],
  errorForbidden: ['您的角色无权编辑。', 'Your role may not edit.'],
  errorNotFound: ['资产不存在或已被删除。', 'The asset does not exist or was deleted.'],
  errorConflict: ['操作被拒绝：', 'Refused: '],
  errorNetwork: ['网络错误，请稍后重试。', 'Network error; please try again.'],
  errorServer: ['服务器错误，请稍后重试。', 'Server error; please try again.'],
  errorTooLarge: ['请求过大。', 'The request is too large.'],
  errorGeneric: ['操作失败：', 'Failed: '],
  menu: ['菜单', 'Menu'],
};


const listeners = [];

function initialLanguage() {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') {
    localStorage.setItem(storageKey, fromUrl);
    return fromUrl;
  }
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh';
}

let language = initialLanguage();

export function currentLanguage() {
  return language;
}

export function isEnglish() {
  return language === 'en';
}

/** The text of a message key in the current language. */
export function t(key) {
  const pair = messages[key];
  if (!pair) return key;
  return isEnglish() ? pair[1] : pair[0];
}

/** Picks the current language's text of a [zh, en] pair. */
export function pick(zh, en) {
  return isEnglish() ? (en ?? zh) : (zh ?? en);
}

/** The label of an enumeration code; the code itself when it has none. */
export function enumLabel(attribute, code) {
  if (code === null || code === undefined || code === '') return '';
  const pair = enumLabels[attribute]?.[code];
  return pair ? pick(pair[0], pair[1]) : String(code);
}

/** Said after a source that was not (fully) verified against the official text: '' for 'verified'. */
export function verificationNote(level) {
  return level === 'verified' ? '' : t(level === 'partly_verified' ? 'partlyVerified' : 'notVerified');
}

/** Sets an element's text to a message key and keeps it translated on every language switch. */
export function bindText(element, key) {
  element.dataset.i18n = key;
  element.textContent = t(key);
  return element;
}

/** Sets an element's text to a [zh, en] pair and keeps it translated on every language switch. */
export function bindPair(element, zh, en) {
  element.dataset.zh = zh ?? '';
  element.dataset.en = en ?? zh ?? '';
  element.textContent = pick(element.dataset.zh, element.dataset.en);
  return element;
}

/** Translates every marked element under root (text, placeholder, title, aria-label). */
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-zh]')) el.textContent = pick(el.dataset.zh, el.dataset.en);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  document.documentElement.lang = isEnglish() ? 'en' : 'zh-CN';
  document.title = t('appTitle');
}

export function setLanguage(next) {
  language = next === 'en' ? 'en' : 'zh';
  localStorage.setItem(storageKey, language);
  const url = new URL(location.href);
  url.searchParams.set('lang', language);
  history.replaceState(null, '', url);
  translate();
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** Every enumeration label, for checks that no code is left without one. */
export const enumerationLabels = enumLabels;
