// Texts of the imports page in Simplified Chinese (default) and English; the language itself is the map page's
// (i18n.js), so a switch on one page holds on every page.

import { pick } from '../i18n.js';

const messages = {
  pageTitle: ['数据导入', 'Import data'],
  loadFailed: ['页面加载失败：', 'Could not load the page: '],
  chooseCollection: ['请选择资产类型', 'Choose the asset kind'],
  chooseFile: ['请选择要导入的文件', 'Choose the file to import'],
  crsFromFile: ['以文件为准（.prj、GeoPackage、GeoJSON 中声明的坐标系）', 'As the file declares it (.prj, GeoPackage, GeoJSON)'],
  crsCsvHint: ['CSV 文件不含坐标系，请选择坐标所用的坐标系。', 'A CSV file names no CRS: choose the one its coordinates are in.'],
  crsFileHint: ['文件未声明坐标系时，导入会请您选择。', 'If the file declares no CRS, the check asks you to choose one.'],
  fileInfo: ['格式：', 'Format: '],
  formatUnknown: ['无法从扩展名识别格式，请选择格式。', 'The extension does not tell the format: choose it.'],
  mappingTitle: ['字段对应', 'Field mapping'],
  mappingPreviewNote: ['已从文件表头读取字段；请为每个字段选择对应的属性，选择“不导入”则忽略该字段。标为“几何”的列是导入读取位置所用的列。', 'The fields were read from the file\'s header: choose the attribute each one fills, or “Do not import” to leave it out. The columns marked “Geometry” are where the import reads each asset\'s position.'],
  mappingRunNote: ['校验使用的字段对应如下；修改后点击“按此对应重新校验”会重新上传文件并重新校验。', 'The check used this mapping; after changing it, “Check again with this mapping” uploads the file again and checks it again.'],
  mappingBinaryNote: ['Shapefile 和 GeoPackage 的字段在上传校验后显示，可在校验结果中调整。', 'Shapefile and GeoPackage fields are shown after the upload check, where the mapping can be changed.'],
  sourceField: ['文件字段', 'File field'],
  sample: ['示例值', 'Sample'],
  targetAttribute: ['对应属性', 'Attribute'],
  ignore: ['（不导入）', '(do not import)'],
  geometryWkt: ['几何（WKT）', 'Geometry (WKT)'],
  geometryX: ['几何：经度或 X（东坐标）', 'Geometry: longitude or x (easting)'],
  geometryY: ['几何：纬度或 Y（北坐标）', 'Geometry: latitude or y (northing)'],
  csvNoGeometry: ['CSV 中没有几何：须有 wkt 列，或经度、纬度（或 x、y）两列。', 'The CSV has no geometry: it needs a wkt column or longitude and latitude (or x and y) columns.'],
  recheck: ['按此对应重新校验', 'Check again with this mapping'],
  recheckNeedsFile: ['请先在上方重新选择同一文件，再重新校验。', 'Choose the same file again above, then check again.'],
  uploading: ['正在上传', 'Uploading'],
  statusValidating: ['正在校验', 'Checking'],
  statusValidated: ['校验完成，待导入', 'Checked, waiting to import'],
  statusImporting: ['正在导入', 'Importing'],
  statusDone: ['导入完成', 'Imported'],
  statusFailed: ['失败', 'Failed'],
  statusDiscarded: ['已放弃', 'Discarded'],
  statusExpired: ['已过期', 'Expired'],
  rowsRead: ['已读取', 'Rows read'],
  rowsValid: ['有效', 'Valid'],
  rowsRefused: ['被拒', 'Refused'],
  rowsInserted: ['新增', 'Added'],
  rowsUpdated: ['更新', 'Updated'],
  rowsUnchanged: ['与库中一致（不改动）', 'Same as stored (left alone)'],
  refusalsTitle: ['被拒记录', 'Refused rows'],
  refusalsNone: ['没有被拒记录。', 'No row was refused.'],
  refusalsExpired: ['试运行已过期，被拒记录已随其校验数据删除。', 'The check has expired; its refused rows were removed with it.'],
  row: ['行号', 'Row'],
  field: ['字段', 'Field'],
  reason: ['原因', 'Reason'],
  previous: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  refusalsRange: ['显示第 {from}–{to} 条，共 {total} 条', 'Rows {from}–{to} of {total}'],
  refusalsCsv: ['下载全部被拒记录（CSV）', 'Download every refused row (CSV)'],
  confirmValid: ['将导入 {valid} 条有效记录，跳过 {refused} 条被拒记录。被跳过的记录不会写入，需要修正后另行导入。确定吗？', '{valid} valid rows will be imported and {refused} refused rows skipped. Skipped rows are not written; fix them and import them separately. Go ahead?'],
  commitNoteRefused: ['有 {refused} 条记录被拒：“全部导入或全部不导入”将不写入任何数据；如只导入有效行，请选择“仅导入有效行”。', '{refused} rows were refused: “Import all or nothing” will write nothing; to import the valid rows only, choose “Import only the valid rows”.'],
  keptUntil: ['试运行结果保留至 {when}，届时仍未导入或放弃将自动删除。', 'This check is kept until {when}; if it is neither imported nor discarded by then, it is removed.'],
  committing: ['已提交导入…', 'Import started…'],
  discarded: ['已放弃本次导入，未写入任何数据。', 'The import was discarded; nothing was written.'],
  doneUnchanged: ['另有 {unchanged} 条与库中一致，未改动（版本号与历史不变）。', '{unchanged} more were the same as stored and were left alone (no new version, no history).'],
  doneSummary: ['导入完成：新增 {inserted} 条，更新 {updated} 条，被拒 {refused} 条。', 'Imported: {inserted} added, {updated} updated, {refused} refused.'],
  recentNone: ['还没有导入记录。', 'No imports yet.'],
  recentFile: ['文件', 'File'],
  recentCollection: ['资产类型', 'Asset kind'],
  recentStatus: ['状态', 'Status'],
  recentWhen: ['时间', 'When'],
  recentRows: ['有效 / 被拒', 'Valid / refused'],
  open: ['查看', 'Open'],
  problemTitle: ['请求被拒绝：', 'The request was refused: '],
  networkError: ['网络错误，上传中断，请重试。', 'Network error: the upload was interrupted; try again.'],
  notAllowed: ['您的角色不能导入数据。', 'Your role may not import data.'],
  runNotFound: ['找不到这次导入（可能已被清理）。', 'This import no longer exists.'],
  crs: ['坐标系：', 'CRS: '],
  by: ['提交人：', 'By: '],
};

/** Every CRS the registry accepts for imports (SupportedCrs in the domain), with its title. */
export const crsChoices = [
  { uri: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84', zh: 'WGS 84 经纬度（经度在前）', en: 'WGS 84 longitude/latitude' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', zh: 'WGS 84（EPSG:4326）', en: 'WGS 84 (EPSG:4326)' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4490', zh: 'CGCS2000 地理坐标（EPSG:4490）', en: 'CGCS2000 geographic (EPSG:4490)' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4547', zh: 'CGCS2000 3度带高斯-克吕格 中央经线114°E（EPSG:4547）', en: 'CGCS2000 3-degree Gauss–Krüger CM 114°E (EPSG:4547)' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4548', zh: 'CGCS2000 3度带高斯-克吕格 中央经线117°E（EPSG:4548）', en: 'CGCS2000 3-degree Gauss–Krüger CM 117°E (EPSG:4548)' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4549', zh: 'CGCS2000 3度带高斯-克吕格 中央经线120°E（EPSG:4549）', en: 'CGCS2000 3-degree Gauss–Krüger CM 120°E (EPSG:4549)' },
];

/** The text of a message in the current language, with {name} placeholders filled from values. */
export function tr(key, values = {}) {
  const pair = messages[key];
  const text = pair ? pick(pair[0], pair[1]) : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** Every message key, for the check that the page uses no key without a text. */
export const messageKeys = Object.keys(messages);
