// Texts of the statistics dashboard in Simplified Chinese (default) and English; the language itself is the map
// page's (i18n.js), so a switch on one page holds on every page.

import { pick } from '../i18n.js';

const messages = {
  pageTitle: ['统计', 'Statistics'],
  generatedAt: ['统计时间：', 'Computed at '],
  inspectionDate: ['巡查日期：', 'Inspection date: '],
  loadFailed: ['统计加载失败：', 'Could not load the statistics: '],
  noAccess: ['您的角色不能查看统计。', 'Your role may not view statistics.'],
  download: ['下载数据：', 'Download the numbers: '],
  assetsTitle: ['各区资产数量', 'Assets by kind and district'],
  assetsTotal: ['资产总数', 'Assets'],
  coverTitle: ['井盖完好率', 'Manhole cover intact rate'],
  coverByInspection: ['口径：已巡查井盖中无未处置病害的比例', 'Definition: inspected covers with no open defect'],
  coverByCondition: ['尚无井盖巡查结果，暂以检查井状况良好或一般的比例代替', 'No cover inspected yet: the share of manholes in good or fair condition stands in'],
  bridgeTitle: ['桥梁完好状态等级（A–E）', 'Bridge condition grades (A–E)'],
  sewerTitle: ['排水管段结构性等级与修复等级', 'Sewer structural and repair grades'],
  structural: ['结构性等级', 'Structural grade'],
  repair: ['修复指数等级（最近 CCTV）', 'Repair-index grade (latest CCTV)'],
  lightingTitle: ['路灯亮灯率（按道路等级）', 'Streetlight lighting rate by road class'],
  inspectionsTitle: ['各区巡查任务（红黄牌督办）', 'Inspection tasks by district (red and yellow cards)'],
  mapTitle: ['各区逾期巡查任务', 'Overdue inspection tasks by district'],
  mapAssets: ['各区资产数量', 'Assets by district'],
  mapMetric: ['地图指标', 'Map metric'],
  target: ['目标', 'Target'],
  rate: ['比率 %', 'Rate %'],
  count: ['数量', 'Count'],
  city: ['全市', 'City'],
  ungraded: ['未评定', 'Not graded'],
  noRoadClass: ['未填道路等级', 'No road class'],
  open: ['未完成', 'Open'],
  due: ['今日到期', 'Due today'],
  overdue: ['逾期', 'Overdue'],
  yellow: ['黄牌', 'Yellow cards'],
  red: ['红牌', 'Red cards'],
  doneToday: ['今日完成', 'Done today'],
  noData: ['暂无数据', 'No data yet'],
  source: ['来源：', 'Source: '],
  roadClass_expressway: ['快速路', 'Expressway'],
  roadClass_arterial: ['主干道', 'Arterial'],
  roadClass_secondary: ['次干道', 'Secondary'],
  roadClass_branch: ['支路', 'Branch'],
  roadClass_back_lane: ['背街巷道', 'Back lane'],
};

/** The text of a dashboard message key in the current language. */
export function tr(key) {
  const pair = messages[key];
  return pair ? pick(pair[0], pair[1]) : key;
}
