// Texts of the analysis page in Simplified Chinese (default) and English; the language is the map page's (i18n.js).

import { pick } from '../i18n.js';

const messages = {
  pageTitle: ['分析', 'Analysis'],
  running: ['正在计算…', 'Computing…'],
  loadingUncovered: ['正在加载未覆盖的居住用地…', 'Loading the uncovered residential land…'],
  uncoveredShown: ['块未覆盖的居住用地已绘制', 'pieces of uncovered residential land drawn'],
  failed: ['失败：', 'Failed: '],
  coverage: ['覆盖率 %', 'Coverage %'],
  target: ['目标', 'Target'],
  city: ['全市', 'City'],
  walkingCoverage: ['步行距离覆盖率', 'Walking-distance coverage'],
  straightCoverage: ['直线距离覆盖率', 'Straight-line coverage'],
  runningWalking: ['正在沿路网计算步行距离覆盖率…', 'Computing walking-distance coverage along the streets…'],
  modeNote: ['口径：居住用地面积 ∩ 公园服务半径（直线缓冲区）÷ 居住用地面积；面积按 EPSG:4549 平方米计算。', 'Residential land inside park service radii (straight-line buffers) ÷ residential land; square metres in EPSG:4549.'],
  parksCounted: ['计入公园服务区', 'Park service areas counted'],
  rules: ['规则', 'Rules'],
  drawFirst: ['请先在地图上绘制拟建公园', 'Draw a proposed park on the map first'],
  drawing: ['在地图上依次点击绘制公园，点击第一点闭合', 'Click on the map to draw the park; click the first point to close it'],
  proposed: ['拟建公园', 'Proposed parks'],
  before: ['推演前覆盖率', 'Coverage before'],
  after: ['推演后覆盖率', 'Coverage after'],
  newlyCovered: ['新增覆盖居住用地', 'Newly covered residential land'],
  squareMetres: ['平方米', 'm²'],
  tracePlaceholder: ['检查井编号或 ID', 'Manhole code or id'],
  drainagePlaceholder: ['积水点编号或 ID', 'Waterlogging point code or id'],
  notFound: ['未找到：', 'Not found: '],
  pickHint: ['点击地图上的检查井位置', 'Click where the manhole is on the map'],
  noManholeNear: ['附近没有检查井，请放大后再点击', 'No manhole near there; zoom in and click again'],
  start: ['起点检查井', 'Start manhole'],
  segments: ['管段数', 'Segments'],
  manholes: ['检查井数', 'Manholes'],
  totalLength: ['管段总长', 'Total length'],
  metres: ['米', 'm'],
  outfalls: ['到达排放口', 'Outfalls reached'],
  none: ['无', 'None'],
  inlets: ['半径内雨水口', 'Inlets within the radius'],
  upstreamManholes: ['上游检查井（含雨水口）', 'Upstream manholes (inlets included)'],
  campaignCreating: ['正在生成应急巡查任务…', 'Creating the emergency campaign…'],
  campaignCreated: ['已生成应急巡查任务：', 'Emergency campaign created: '],
  tasks: ['项任务', 'tasks'],
  campaignEditorsOnly: ['仅工程师和管理员可生成巡查任务', 'Only engineers and admins create inspection campaigns'],
  topologySegments: ['管段', 'Segments'],
  topologyManholes: ['检查井', 'Manholes'],
  misplacedEnds: ['端点不在检查井上的管段', 'Segment ends away from their manholes'],
  reverseSlopes: ['逆坡管段（按管底标高）', 'Segments sloping the wrong way (by invert)'],
  disconnected: ['未连通排放口的管网片段', 'Pieces reaching no outfall'],
  cycles: ['成环管段', 'Segments on cycles'],
  check: ['检查项', 'Check'],
  found: ['数量', 'Found'],
  examples: ['示例（ID）', 'Examples (ids)'],
  tolerance: ['端点容差', 'End tolerance'],
  legendUncovered: ['未覆盖居住用地', 'Uncovered residential land'],
  legendNewly: ['新增覆盖', 'Newly covered'],
  legendTrace: ['追踪管网', 'Traced network'],
};

/** The text of an analysis-page message key in the current language. */
export function tr(key) {
  const pair = messages[key];
  return pair ? pick(pair[0], pair[1]) : key;
}
