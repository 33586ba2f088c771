import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { and, count, eq, sql } from 'drizzle-orm';
import {
  ageingBand,
  computeCreditCodeCheck,
  computeDueOn,
  computeLine,
  computeOrderTotals,
  defaultComplaintDeadline,
  monthBounds,
  monthOf,
  nextMonth,
  previousMonth,
  returnAmounts,
  shareByWeight,
  splitTax,
  statementClosing,
  validateCreditCode,
  validateInvoiceNumber,
  type AgeingBand,
  type ComplaintSeverity,
  type InvoiceType,
} from '@zuzhang/domain';
import type { Db, Executor, Tx } from '../../platform/db/db.ts';
import { users } from '../auth/auth.table.ts';
import { assignments, employees, positions, units } from '../org/org.table.ts';
import {
  customerContacts,
  customerOwnershipLog,
  customers,
  customerSettings,
  customerVettings,
  followUps,
} from '../customers/customers.table.ts';
import { priceListItems, priceLists, products } from '../catalogue/catalogue.table.ts';
import { contracts, orderLines, orders, proofs, salesReturns, shipments } from '../orders/orders.table.ts';
import {
  collectionPlans,
  receiptAllocations,
  receipts,
  writeOffs,
} from '../receivables/receivables.table.ts';
import { invoices } from '../invoices/invoices.table.ts';
import { statements } from '../statements/statements.table.ts';
import { complaints, customerSurveys } from '../service/service.table.ts';
import { files } from '../files/files.table.ts';
import { rebuildRollups } from '../sales-rollups/rollups.service.ts';
import { refreshOpenAmounts } from '../receivables/open-amount.ts';

/**
 * Twelve months of sales-ledger history for the demo company (issue 3 item 11: "a few hundred customers,
 * thousands of orders and receipts, some overdue, some complaints, so every page has something to show").
 *
 * Everything is planned in memory first, from a seeded PRNG (same seed and same day → the same ledger),
 * with the domain's own rules (computeLine / computeOrderTotals / returnAmounts / splitTax), and then
 * written with bulk inserts in one transaction. The plan keeps the ledger's invariants by construction:
 * order totals are the sums of their lines; returns come before the money that settles an order, so no
 * allocation ever exceeds an order's open amount; `unallocatedFen = amount − allocations`; write-offs take
 * only what is still open; statements use the statement rule on the same documents; `lastActivityOn` is
 * the latest follow-up or order; every owned customer was active within the pool-return window.
 */

/** The seed `zuzhang demo` and the first start use: change it to get another, equally consistent, history. */
export const DEMO_LEDGER_SEED = 2026;

export interface DemoLedgerOptions {
  companyId: number;
  /** The last day of the history (YYYY-MM-DD, company time zone): nothing is dated after it. */
  today: string;
  seed: number | string;
}

export interface DemoLedgerSummary {
  skipped: boolean;
  customers: number;
  contacts: number;
  products: number;
  contracts: number;
  orders: number;
  orderLines: number;
  shipments: number;
  proofs: number;
  returns: number;
  receipts: number;
  allocations: number;
  writeOffs: number;
  invoices: number;
  statements: number;
  followUps: number;
  complaints: number;
  surveys: number;
  milliseconds: number;
}

// ---------------------------------------------------------------------------------------------------
// Seeded randomness and calendar arithmetic

interface Random {
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** One of the words of `spec` ("a:3 b:1"), by weight. */
  among<T extends string>(spec: string): T;
  amongNumbers(spec: string): number;
  digits(n: number): string;
}

/** "BZ-001:4 BZ-002:2" → [["BZ-001", 4], ["BZ-002", 2]]: weighted lists kept on one line. */
function mix(spec: string): [string, number][] {
  return spec.split(' ').map((item) => {
    const at = item.lastIndexOf(':');
    return [item.slice(0, at), Number(item.slice(at + 1))];
  });
}
const words = (text: string) => text.split(' ');
/** "吴中区:320506 …" → [district, administrative division code] pairs. */
const places = (spec: string) => mix(spec).map(([name, code]) => [name, String(code)] as const);

/** mulberry32 seeded by FNV-1a of the seed's text: small, fast and the same on every machine. */
function createRandom(seed: number | string): Random {
  let state = 2166136261;
  for (const ch of String(seed)) {
    state ^= ch.codePointAt(0)!;
    state = Math.imul(state, 16777619);
  }
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted,
    among: <T extends string>(spec: string) => weighted(mix(spec)) as T,
    amongNumbers: (spec) => Number(weighted(mix(spec))),
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(''),
  };
}

const DAY_MS = 86_400_000;
const dayNo = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const addDays = (day: string, days: number) => dayOf(dayNo(day) + days);
const daysFrom = (from: string, to: string) => dayNo(to) - dayNo(from);
const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);
/** A moment on a day, company time (Asia/Shanghai, no daylight saving). */
const at = (day: string, hour: number, minute = 0) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

/** 春节 (first day of the lunar year) and 中秋: the two peaks of gift-box and packaging orders. */
const SPRING_FESTIVAL: Record<number, string> = {
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};
const MID_AUTUMN: Record<number, string> = {
  2023: '2023-09-29',
  2024: '2024-09-17',
  2025: '2025-10-06',
  2026: '2026-09-25',
  2027: '2027-09-15',
  2028: '2028-10-03',
  2029: '2029-09-22',
  2030: '2030-09-12',
};

/** Days to the festival nearest ahead of `day` (0 on the day), or null when none is within `horizon`. */
function daysBefore(table: Record<number, string>, day: string, horizon: number): number | null {
  const year = Number(day.slice(0, 4));
  for (const y of [year, year + 1]) {
    const festival = table[y];
    if (!festival) continue;
    const d = daysFrom(day, festival);
    if (d >= 0 && d <= horizon) return d;
  }
  return null;
}
/** Days since the festival (0 on the day), when it was at most `horizon` days ago. */
function daysAfter(table: Record<number, string>, day: string, horizon: number): number | null {
  const year = Number(day.slice(0, 4));
  for (const y of [year, year - 1]) {
    const festival = table[y];
    if (!festival) continue;
    const d = daysFrom(festival, day);
    if (d >= 0 && d <= horizon) return d;
  }
  return null;
}

/** How busy a day is for ordering: weekends quiet, Q4 and the weeks before 春节 and 中秋 busy, 春节 itself closed. */
function orderWeight(day: string): number {
  const date = new Date(`${day}T00:00:00Z`);
  const dow = date.getUTCDay();
  const month = date.getUTCMonth() + 1;
  let w = dow === 0 ? 0.3 : dow === 6 ? 0.55 : 1;
  if (month >= 10) w *= 1.4;
  if (month === 10 && date.getUTCDate() <= 7) w *= 0.25; // 国庆
  const toSpring = daysBefore(SPRING_FESTIVAL, day, 45);
  if (toSpring !== null) w *= toSpring <= 1 ? 0.2 : 1.5 + (45 - toSpring) / 45;
  const sinceSpring = daysAfter(SPRING_FESTIVAL, day, 14);
  if (sinceSpring !== null) w *= sinceSpring <= 6 ? 0.08 : 0.6;
  const toMidAutumn = daysBefore(MID_AUTUMN, day, 50);
  if (toMidAutumn !== null && toMidAutumn >= 5) w *= 1.35;
  return w;
}

// ---------------------------------------------------------------------------------------------------
// Reference data: places, names, the catalogue

type Region = '华东' | '华南';

interface City {
  name: string;
  province: string;
  region: Region;
  weight: number;
  /** [district or town, 6-digit administrative division code] */
  districts: readonly (readonly [string, string])[];
}

function city(name: string, province: string, region: Region, weight: number, districts: string): City {
  return { name, province, region, weight, districts: places(districts) };
}

const CITIES: City[] = [
  city('苏州', '江苏省', '华东', 5, '吴中区:320506 相城区:320507 姑苏区:320508 吴江区:320509 虎丘区:320505'),
  city(
    '上海',
    '上海市',
    '华东',
    5,
    '闵行区:310112 嘉定区:310114 浦东新区:310115 松江区:310117 青浦区:310118',
  ),
  city('杭州', '浙江省', '华东', 4, '拱墅区:330105 西湖区:330106 滨江区:330108 萧山区:330109 余杭区:330110'),
  city('宁波', '浙江省', '华东', 2, '海曙区:330203 江北区:330205 北仑区:330206 鄞州区:330212'),
  city('南京', '江苏省', '华东', 2, '玄武区:320102 秦淮区:320104 江宁区:320115'),
  city('无锡', '江苏省', '华东', 2, '滨湖区:320211 梁溪区:320213 新吴区:320214'),
  city('嘉兴', '浙江省', '华东', 1, '南湖区:330402 秀洲区:330411'),
  city('常州', '江苏省', '华东', 1, '新北区:320411 武进区:320412'),
  city('广州', '广东省', '华南', 5, '天河区:440106 白云区:440111 黄埔区:440112 番禺区:440113'),
  city('深圳', '广东省', '华南', 5, '福田区:440304 南山区:440305 宝安区:440306 龙岗区:440307 龙华区:440309'),
  city('东莞', '广东省', '华南', 3, '长安镇:441900 虎门镇:441900 松山湖:441900'),
  city('佛山', '广东省', '华南', 3, '禅城区:440604 南海区:440605 顺德区:440606'),
  city('中山', '广东省', '华南', 1, '小榄镇:442000 古镇镇:442000'),
  city('厦门', '福建省', '华南', 2, '思明区:350203 湖里区:350206 集美区:350211'),
];

const ROADS = words(
  '人民路 建设路 工业大道 科技路 长江路 解放路 中山路 创业路 环城西路 金桥路 滨河路 新华路 兴业街 东环路 星湖街',
);

/** 字号: invented trade names (no real brands). */
const BRANDS = words(
  '恒通 华远 鑫达 盛源 金鹏 瑞丰 宏达 永信 天瑞 嘉禾 博雅 锦程 德信 万和 新润 佳美 鼎盛 昌隆 广源 和信 同创 优品 美佳 安达 汇通 富华 兴业 康达 润泽 明阳 华邦 联创 众诚 荣华 顺昌 亿丰 鸿运 长盛 金诺 星辰 云帆 启航 睿智 卓越 信诚 宝丰 旭日 南洋 海川 凯瑞 正源 泰和 恒信 聚源 立达 青禾 一品 百川 千禧 万隆 合众 同和 永泰 益康 丰源 祥瑞 伟业 宏图 悦享 春晖 秋实 雅致 尚品 臻选 源森 华茂 东升 远航 誉丰 嘉信',
);

const SURNAMES = words(
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 潘 袁 蔡 蒋 余 沈 陆 钱 顾 叶',
);
const GIVEN_NAMES = words(
  '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 华 文 辉 秀英 建华 晓东 海燕 志强 雪梅 春燕 国栋 立新 玉兰 子涵 思远 欣怡 浩然 梓轩 雨桐 佳琪 俊杰 婷婷 晓峰 振宇 美玲 丽萍 建军 红梅 文斌 永强 小龙 晓丽 嘉怡 一鸣 天宇 丹丹 慧敏 少华 学军 秋菊',
);

const MOBILE_PREFIXES = words(
  '130 131 132 133 135 136 137 139 150 151 152 153 155 156 157 158 159 166 173 176 177 180 181 182 185 186 187 188 189 191 199',
);

type Category = 'end_customer' | 'dealer' | 'agent' | 'alliance' | 'online_platform';

interface Industry {
  key: string;
  label: string;
  /** What the company's name ends with. */
  suffixes: readonly string[];
  /** Product codes this kind of customer buys, with weights. */
  buys: readonly (readonly [string, number])[];
}

const INDUSTRIES: Industry[] = [
  {
    key: 'food',
    label: '食品',
    suffixes: ['食品有限公司', '食品科技有限公司'],
    buys: mix('BZ-001:4 BZ-002:4 LH-002:4 LH-001:3 YS-003:3 YS-006:2 SP-002:2 BZ-006:2'),
  },
  {
    key: 'tea',
    label: '茶叶',
    suffixes: ['茶业有限公司', '茶叶有限公司'],
    buys: mix('LH-003:5 SP-001:3 YS-006:3 YS-001:2 BZ-002:2 YS-003:1'),
  },
  {
    key: 'electronics',
    label: '电子',
    suffixes: ['电子科技有限公司', '电子有限公司'],
    buys: mix('BZ-008:5 BZ-001:4 BZ-005:3 BZ-004:3 YS-004:3 BZ-007:2'),
  },
  {
    key: 'cosmetics',
    label: '化妆品',
    suffixes: ['生物科技有限公司', '化妆品有限公司'],
    buys: mix('LH-004:5 YS-006:3 YS-004:3 BZ-003:3 YS-003:2 YS-002:1'),
  },
  {
    key: 'liquor',
    label: '酒类',
    suffixes: ['酒业有限公司'],
    buys: mix('LH-005:5 BZ-001:3 YS-006:2 YS-001:1 LH-001:1'),
  },
  {
    key: 'apparel',
    label: '服装',
    suffixes: ['服饰有限公司', '服装有限公司'],
    buys: mix('BZ-003:4 YS-006:4 BZ-002:3 YS-003:2 YS-002:1'),
  },
  {
    key: 'home',
    label: '家居',
    suffixes: ['家居用品有限公司', '家具有限公司'],
    buys: mix('BZ-001:5 BZ-005:4 BZ-007:3 BZ-006:2 YS-004:2'),
  },
  {
    key: 'pharma',
    label: '医药',
    suffixes: ['医药有限公司', '药业有限公司'],
    buys: mix('YS-004:5 BZ-002:3 YS-003:3 YS-005:1 BZ-006:1'),
  },
  {
    key: 'gifts',
    label: '礼品',
    suffixes: ['礼品有限公司', '工艺礼品有限公司'],
    buys: mix('LH-001:4 LH-003:2 LH-004:2 SP-001:2 SP-002:2 YS-006:2'),
  },
  {
    key: 'corporate',
    label: '企业服务',
    suffixes: ['企业管理有限公司', '文化传播有限公司'],
    buys: mix('YS-002:4 YS-005:3 YS-001:3 SP-001:2 YS-006:2'),
  },
];

const DEALER_LINES: readonly (readonly [string, number])[] = mix(
  'BZ-001:4 BZ-002:4 BZ-004:3 BZ-006:3 BZ-007:2 BZ-005:2 BZ-003:2 LH-001:2 YS-006:2',
);

interface ProductSpec {
  code: string;
  name: string;
  category: string;
  unit: string;
  listPriceFen: number;
  taxRateBp: number;
  shelfLifeDays: number | null;
  discountFloorBp: number;
  /** [min, max, step] of a usual order quantity. */
  quantity: readonly [number, number, number];
  /** Production and delivery days after the order. */
  leadDays: readonly [number, number];
  /** Printed to the customer's artwork: a proof (彩喷稿 / 印刷稿) is approved first. */
  proof: boolean;
  season?: 'spring' | 'midAutumn';
}

const CATALOGUE: ProductSpec[] = [
  p('BZ-001', '五层瓦楞纸箱 60×40×40cm', '包装材料', '个', 580, 1300, null, 9000, [200, 4000, 100], [5, 9]),
  p('BZ-002', '三层瓦楞纸箱 40×30×30cm', '包装材料', '个', 260, 1300, null, 9000, [500, 8000, 500], [4, 8]),
  p(
    'BZ-003',
    '彩印飞机盒 30×20×8cm',
    '包装材料',
    '个',
    320,
    1300,
    null,
    9000,
    [500, 6000, 500],
    [7, 12],
    true,
  ),
  p('BZ-004', '气泡袋 20×25cm', '包装材料', '个', 35, 1300, null, 8800, [2000, 40000, 1000], [3, 6]),
  p('BZ-005', '珍珠棉卷材 1m×100m', '包装材料', '卷', 16800, 1300, null, 9000, [10, 150, 10], [3, 6]),
  p('BZ-006', '封箱胶带 4.5cm×100m', '包装材料', '卷', 650, 1300, 720, 8800, [100, 2000, 100], [2, 5]),
  p('BZ-007', '拉伸缠绕膜 50cm', '包装材料', '卷', 4500, 1300, 540, 9000, [20, 300, 10], [3, 6]),
  p('BZ-008', '防静电屏蔽袋 15×20cm', '包装材料', '个', 42, 1300, 365, 9000, [2000, 30000, 1000], [4, 8]),
  p(
    'YS-001',
    '彩色宣传单页 A4 双面',
    '印刷品',
    '张',
    18,
    1300,
    null,
    8500,
    [5000, 50000, 5000],
    [3, 6],
    true,
  ),
  p('YS-002', '企业画册 A4 32P', '印刷品', '本', 1850, 1300, null, 9000, [200, 2000, 100], [7, 14], true),
  p('YS-003', '不干胶标签（1000枚/卷）', '印刷品', '卷', 4800, 1300, 365, 9000, [20, 400, 10], [4, 8], true),
  p('YS-004', '产品说明书 折页', '印刷品', '张', 45, 1300, null, 9000, [2000, 30000, 1000], [4, 8], true),
  p('YS-005', '企业内刊（季刊）', '印刷品', '本', 1200, 900, null, 9000, [500, 3000, 100], [10, 15], true),
  p('YS-006', '定制手提纸袋', '印刷品', '个', 380, 1300, null, 9000, [500, 8000, 500], [7, 12], true),
  p('LH-001', '天地盖精品礼盒', '礼盒', '个', 2600, 1300, null, 9000, [200, 3000, 100], [12, 20], true),
  p(
    'LH-002',
    '中秋月饼礼盒（空盒）',
    '礼盒',
    '个',
    3800,
    1300,
    null,
    9000,
    [300, 5000, 100],
    [15, 25],
    true,
    'midAutumn',
  ),
  p(
    'LH-003',
    '茶叶礼盒（空盒）',
    '礼盒',
    '个',
    4500,
    1300,
    null,
    9000,
    [200, 2000, 100],
    [12, 20],
    true,
    'spring',
  ),
  p(
    'LH-004',
    '化妆品磁吸礼盒',
    '礼盒',
    '个',
    3200,
    1300,
    null,
    9000,
    [300, 4000, 100],
    [12, 20],
    true,
    'spring',
  ),
  p('LH-005', '酒类礼盒', '礼盒', '个', 5800, 1300, null, 9000, [100, 1500, 50], [12, 20], true, 'spring'),
  p(
    'SP-001',
    '明前龙井茶礼盒（250g）',
    '食品礼盒',
    '盒',
    26800,
    900,
    540,
    9200,
    [20, 300, 10],
    [3, 7],
    false,
    'spring',
  ),
  p(
    'SP-002',
    '手工坚果礼盒（1.2kg）',
    '食品礼盒',
    '盒',
    16800,
    1300,
    180,
    9200,
    [50, 600, 10],
    [3, 7],
    false,
    'spring',
  ),
];

function p(
  code: string,
  name: string,
  category: string,
  unit: string,
  listPriceFen: number,
  taxRateBp: number,
  shelfLifeDays: number | null,
  discountFloorBp: number,
  quantity: readonly [number, number, number],
  leadDays: readonly [number, number],
  proof = false,
  season?: ProductSpec['season'],
): ProductSpec {
  return {
    code,
    name,
    category,
    unit,
    listPriceFen,
    taxRateBp,
    shelfLifeDays,
    discountFloorBp,
    quantity,
    leadDays,
    proof,
    season,
  };
}
const PRODUCT_BY_CODE = new Map(CATALOGUE.map((x) => [x.code, x]));

function courierOf(random: Random): { courier: string; trackingNo: string } {
  const kind = random.among<'sf' | 'deppon' | 'jd' | 'zto' | 'own'>('sf:5 deppon:3 jd:2 zto:2 own:2');
  switch (kind) {
    case 'sf':
      return { courier: '顺丰速运', trackingNo: `SF${random.digits(13)}` };
    case 'deppon':
      return { courier: '德邦物流', trackingNo: `DPK${random.digits(12)}` };
    case 'jd':
      return { courier: '京东物流', trackingNo: `JDVA${random.digits(11)}` };
    case 'zto':
      return { courier: '中通快递', trackingNo: `7${random.digits(14)}` };
    case 'own':
      return { courier: '自有车辆送货', trackingNo: '' };
  }
}

// ---------------------------------------------------------------------------------------------------
// Small generated files: proofs as PNG, contract scans as PDF

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 24×16 RGB PNG: a coloured "artwork" with a white frame, enough for the proof viewer. */
function proofPng(rgb: readonly [number, number, number]): Buffer {
  const width = 24;
  const height = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const frame = x < 2 || y < 2 || x >= width - 2 || y >= height - 2;
      const [r, g, b] = frame ? [255, 255, 255] : rgb;
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF naming the contract (ASCII only: the standard Helvetica font has no Chinese). */
function contractPdf(title: string): Buffer {
  const text = `BT /F1 14 Tf 56 780 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// ---------------------------------------------------------------------------------------------------
// The plan

interface Staff {
  username: string;
  userId: number;
  employeeId: number;
  name: string;
  hireDate: string;
  mentorEmployeeId: number | null;
  unitId: number;
  unitCode: string;
  region: Region | null;
}

type Payer = 'cash' | 'prompt' | 'slow' | 'bad';

interface PlanContact {
  name: string;
  role: string;
  mobile: string | null;
  wechat: string;
  isPrimary: boolean;
}

interface PlanCustomer {
  idx: number;
  name: string;
  kind: 'company' | 'person';
  category: Category;
  level: 'A' | 'B' | 'C';
  region: Region;
  city: City;
  industry: string;
  industryKey: string | null;
  source: string;
  referrer: number | null;
  /** Who owned it from when: the first entry is the creating owner. */
  owners: { from: string; rep: Staff }[];
  /** Set for a pool customer: the day it went back to the pool. */
  pooledOn: string | null;
  creditCode: string | null;
  mobile: string | null;
  address: string;
  note: string;
  createdOn: string;
  /** Created in the last weeks: no contract or order yet, vetting under way. */
  isNew: boolean;
  vetting: 'not_started' | 'pending' | 'approved' | 'rejected';
  contacts: PlanContact[];
  payer: Payer;
  /** 月结: pays each month's orders in one transfer. */
  monthly: boolean;
  invoiceType: InvoiceType;
  /** Own price list (a large dealer), by index. */
  priceList: number | null;
  lastActivityOn: string;
}

interface PlanContract {
  no: string;
  customer: PlanCustomer;
  owner: Staff;
  signedOn: string | null;
  startOn: string;
  endOn: string;
  amountFen: number;
  paymentTerms: string;
  paymentDays: number;
  status: string;
  attachment: string | null;
  createdOn: string;
}

interface PlanLine {
  lineNo: number;
  product: ProductSpec;
  quantity: number;
  unitPriceFen: number;
  discountBp: number;
  taxRateBp: number;
  amountFen: number;
  taxFen: number;
  promisedOn: string;
  shippedQuantity: number;
  returnedQuantity: number;
  returnedFen: number;
}

interface PlanShipment {
  shippedOn: string;
  lines: { lineNo: number; quantity: number }[];
  courier: string;
  trackingNo: string;
}

interface PlanOrder {
  idx: number;
  no: string;
  customer: PlanCustomer;
  owner: Staff;
  contract: PlanContract | null;
  orderDate: string;
  status: string;
  totalFen: number;
  taxFen: number;
  dueOn: string;
  note: string;
  lines: PlanLine[];
  shipments: PlanShipment[];
  /** Day the last unit left, when everything has. */
  shippedOn: string | null;
  returnedFen: number;
  returnDate: string | null;
  allocatedFen: number;
  /** Day of the latest money allocated to it. */
  lastPaidOn: string | null;
  writtenOffFen: number;
  /** Kept open on purpose so that every ageing band has something in it. */
  keepOpen: boolean;
}

interface PlanReturn {
  no: string;
  order: PlanOrder;
  returnDate: string;
  reason: string;
  amountFen: number;
  taxFen: number;
  lines: { lineNo: number; quantity: number; amountFen: number; taxFen: number }[];
}

interface PlanReceipt {
  key: string;
  customer: PlanCustomer;
  owner: Staff | null;
  receivedOn: string;
  amountFen: number;
  method: string;
  payer: string;
  reference: string;
  allocations: { order: PlanOrder; amountFen: number }[];
  byUserId: number;
}

interface PlanWriteOff {
  order: PlanOrder;
  amountFen: number;
  reason: string;
  status: 'approved' | 'pending';
  requestedOn: string;
  writtenOffOn: string | null;
}

interface PlanInvoice {
  customer: PlanCustomer;
  order: PlanOrder;
  status: 'requested' | 'issued' | 'mailed' | 'reversed';
  type: InvoiceType;
  invoiceNo: string | null;
  invoiceCode: string | null;
  taxRateBp: number;
  amountFen: number;
  taxFen: number;
  lines: { lineNo: number; amountFen: number; taxFen: number }[];
  requestedOn: string;
  issuedOn: string | null;
  courier: string;
  trackingNo: string;
  mailedOn: string | null;
  /** For a red-letter invoice: the invoice it reverses. */
  reverses: PlanInvoice | null;
}

interface PlanFollowUp {
  customer: PlanCustomer;
  employee: Staff;
  kind: string;
  happenedOn: string;
  notes: string;
  outcome: string;
  nextFollowUpOn: string | null;
}

interface PlanProof {
  order: PlanOrder;
  kind: 'colour' | 'print';
  file: string;
  state: 'pending' | 'approved' | 'rejected';
  decidedOn: string | null;
  note: string;
}

interface PlanComplaint {
  customer: PlanCustomer;
  order: PlanOrder;
  severity: ComplaintSeverity;
  owner: Staff;
  title: string;
  description: string;
  receivedOn: string;
  deadlineOn: string;
  steps: { on: string; byUserId: number; byName: string; text: string }[];
  resolution: string;
  satisfaction: number | null;
  status: 'open' | 'in_progress' | 'resolved' | 'closed';
  closedOn: string | null;
}

interface PlanSurvey {
  customer: PlanCustomer;
  employee: Staff;
  kind: 'return_visit' | 'satisfaction';
  doneOn: string;
  score: number;
  comment: string;
}

interface PlanStatement {
  customer: PlanCustomer;
  period: string;
  openingFen: number;
  ordersFen: number;
  returnsFen: number;
  receiptsFen: number;
  writeOffsFen: number;
  invoicedFen: number;
  closingFen: number;
  status: 'draft' | 'sent' | 'confirmed' | 'disputed';
  sentOn: string | null;
  confirmedOn: string | null;
  disputeNote: string;
}

interface PlanPriceList {
  name: string;
  customerCategory: Category | null;
  customer: PlanCustomer | null;
  validFrom: string;
  prices: Map<string, number>;
}

interface Plan {
  customers: PlanCustomer[];
  priceLists: PlanPriceList[];
  contracts: PlanContract[];
  orders: PlanOrder[];
  returns: PlanReturn[];
  proofs: PlanProof[];
  receipts: PlanReceipt[];
  writeOffs: PlanWriteOff[];
  invoices: PlanInvoice[];
  statements: PlanStatement[];
  followUps: PlanFollowUp[];
  complaints: PlanComplaint[];
  surveys: PlanSurvey[];
  collectionPlans: {
    order: PlanOrder | null;
    contract: PlanContract | null;
    seq: number;
    dueOn: string;
    amountFen: number;
    note: string;
  }[];
  files: Map<string, { mime: string; content: Buffer }>;
}

interface PlanInput {
  today: string;
  seed: number | string;
  reps: Staff[];
  leads: Staff[];
  assistant: Staff;
  poolReturnDays: number;
}

/** How many customers each rep keeps, by seniority: the new hires have few. */
const REP_SHARE: Record<string, number> = {
  rep1: 40,
  rep2: 34,
  rep3: 14,
  rep4: 34,
  rep5: 30,
  rep6: 24,
  rep7: 36,
  rep8: 30,
  rep9: 10,
};

const TARGET_CUSTOMERS = 300;
const POOL_CUSTOMERS = 14;
const NEW_CUSTOMERS = 16;
const TARGET_ORDERS = 3000;
const ORDERS_TODAY = 6;

const SEVERITY_TITLES: Record<ComplaintSeverity, readonly (readonly [string, string])[]> = {
  critical: [
    ['整批礼盒印错品牌LOGO', '客户发现到货礼盒上的LOGO为旧版，已影响节日铺货，要求立即重印并承担损失。'],
    ['纸箱抗压不足导致货损', '客户反馈运输途中纸箱塌陷，内装商品破损约3%，要求赔偿。'],
  ],
  high: [
    ['交货延期影响客户上市', '约定交期延迟5天，客户新品上市活动被迫推迟。'],
    ['礼盒印刷色差明显', '成品与确认的彩喷稿色差明显，客户拒收部分货物。'],
    ['数量短少', '到货清点短少约200个，客户要求尽快补发。'],
  ],
  medium: [
    ['烫金位置偏移', '部分礼盒烫金位置偏移约2mm，客户要求说明原因。'],
    ['标签粘性不足', '不干胶标签在冷藏环境下脱落，客户要求更换胶水。'],
    ['送货未提前预约', '送货司机未提前预约，仓库无法卸货，客户投诉。'],
  ],
  low: [
    ['发票抬头有误', '电子发票抬头少了“有限”二字，需重新开具。'],
    ['外箱唛头信息不全', '外箱唛头缺少批次号，客户要求后续补充。'],
    ['对账单格式建议', '客户希望对账单按订单明细列示。'],
  ],
};

const RETURN_REASONS = words(
  '纸箱压痕破损，客户退回 印刷色差超出约定范围 礼盒尺寸偏差，无法装入产品 多发货物退回 客户活动取消，协商退回未拆封部分',
);

const FOLLOW_UP_NOTES: Record<string, readonly string[]> = {
  visit: [
    '上门拜访采购负责人，了解下季度备货计划',
    '拜访客户，展示新款礼盒样品，客户对磁吸款感兴趣',
    '到客户仓库查看纸箱使用情况，建议更换五层箱',
    '拜访老板，沟通年度框架合同续签',
    '陪同设计师上门确认礼盒工艺和材质',
  ],
  call: [
    '电话沟通报价，客户需与老板确认',
    '电话确认交期和送货地址',
    '电话提醒上月货款到期，客户承诺本周安排付款',
    '电话回访上批货使用情况，反馈良好',
    '电话沟通节前备货数量',
  ],
  wechat: [
    '微信发送新品报价单和样品图片',
    '微信确认彩喷稿修改意见',
    '微信提醒对账单待确认',
    '微信发送节日礼盒方案',
  ],
  wecom: ['企业微信群同步生产进度', '企业微信发送电子发票和对账单', '企业微信确认发货批次'],
  meeting: ['参加客户供应商大会，介绍公司新产能', '与客户采购、设计三方会议，确定明年包装方案'],
};
const OUTCOMES = words('有意向 已报价 待客户确认 已下单 已承诺付款 暂无需求 样品确认中 关系维护');
const SURVEY_COMMENTS: Record<number, readonly string[]> = {
  5: ['交期准时，质量稳定，很满意', '业务员响应快，服务到位', '礼盒效果超出预期'],
  4: ['整体满意，希望价格再优惠一些', '质量不错，个别批次色差需注意', '送货及时'],
  3: ['一般，交期偶尔延误', '沟通还可以，售后响应稍慢'],
  2: ['上次货损处理太慢', '印刷质量不稳定'],
  1: ['多次延期，考虑更换供应商'],
};

function personName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN_NAMES);
}

function makeMobile(random: Random, used: Set<string>): string {
  for (;;) {
    const mobile = random.pick(MOBILE_PREFIXES) + random.digits(8);
    if (!used.has(mobile) && !mobile.startsWith('1380013')) {
      used.add(mobile);
      return mobile;
    }
  }
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A unified social credit code of an enterprise (91…) registered in `division`, with its check character. */
function makeCreditCode(random: Random, division: string, used: Set<string>): string {
  for (;;) {
    const body = random.chance(0.55)
      ? `MA${Array.from({ length: 7 }, () => random.pick([...CODE_CHARS])).join('')}`
      : `${random.digits(8)}${random.pick([...CODE_CHARS])}`;
    const first17 = `91${division}${body}`;
    const code = first17 + computeCreditCodeCheck(first17);
    if (used.has(code)) continue;
    if (!validateCreditCode(code).ok) throw new Error(`generated an invalid credit code ${code}`);
    used.add(code);
    return code;
  }
}

function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}

function ownerOn(c: PlanCustomer, day: string): Staff {
  let owner = c.owners[0]!.rep;
  for (const o of c.owners) if (o.from <= day) owner = o.rep;
  return owner;
}

function currentOwner(c: PlanCustomer): Staff | null {
  return c.pooledOn ? null : c.owners[c.owners.length - 1]!.rep;
}

function openOf(o: PlanOrder): number {
  return o.totalFen - o.returnedFen - o.allocatedFen - o.writtenOffFen;
}

const RECEIVABLE = new Set(['confirmed', 'partially_shipped', 'shipped', 'completed']);

function planLedger(input: PlanInput): Plan {
  const { today, reps } = input;
  const random = createRandom(input.seed);
  const windowStart = addDays(today, -364);
  /** Owned customers were active at least this recently, so the pool rule leaves them with their rep. */
  const recentDays = Math.max(3, Math.min(28, input.poolReturnDays - 2));
  const files = new Map<string, { mime: string; content: Buffer }>();

  // ---- customers ---------------------------------------------------------------------------------
  const usedNames = new Set<string>();
  const usedMobiles = new Set<string>();
  const usedCodes = new Set<string>();
  const activeReps = reps.filter((r) => r.hireDate <= today);
  const repWeights = activeReps.map((r) => [r, REP_SHARE[r.username] ?? 25] as const);
  const leadOf = (rep: Staff) => input.leads.find((l) => l.unitId === rep.unitId) ?? null;
  const regionCities = (region: Region) =>
    CITIES.filter((c) => c.region === region).map((c) => [c, c.weight] as const);

  const createdDays: string[] = [];
  const older = Math.round((TARGET_CUSTOMERS - NEW_CUSTOMERS) * 0.4);
  for (let i = 0; i < TARGET_CUSTOMERS - NEW_CUSTOMERS; i++) {
    if (i < older) createdDays.push(addDays(windowStart, -random.int(30, 1100)));
    else createdDays.push(addDays(windowStart, Math.floor(Math.pow(random.next(), 1.4) * 330)));
  }
  for (let i = 0; i < NEW_CUSTOMERS; i++) createdDays.push(addDays(today, -random.int(0, 26)));
  createdDays.sort();

  const poolSlots = new Set<number>();
  while (poolSlots.size < POOL_CUSTOMERS) {
    const i = random.int(0, TARGET_CUSTOMERS - NEW_CUSTOMERS - 1);
    // A pool customer was idle long enough to fall back: created well before today.
    if (createdDays[i]! < addDays(today, -120)) poolSlots.add(i);
  }

  const planCustomers: PlanCustomer[] = [];
  for (let idx = 0; idx < createdDays.length; idx++) {
    const createdOn = createdDays[idx]!;
    const isNew = createdOn > addDays(today, -27);
    const isPool = poolSlots.has(idx);
    let rep = random.weighted(repWeights);
    // A rep hired after the customer was created took it over from a mentor (or the team lead).
    const owners: { from: string; rep: Staff }[] = [];
    const hiredBefore = repWeights.filter(([r]) => r.hireDate <= createdOn);
    // New customers and pool customers are the rep's own from the start (a pool customer left before a
    // newer rep joined).
    if ((isNew || isPool) && rep.hireDate > createdOn && hiredBefore.length > 0)
      rep = random.weighted(hiredBefore);
    if (rep.hireDate > createdOn) {
      const previous =
        reps.find((r) => r.employeeId === rep.mentorEmployeeId) ??
        leadOf(rep) ??
        activeReps.find((r) => r.unitId === rep.unitId && r.hireDate <= createdOn) ??
        rep;
      owners.push({ from: createdOn, rep: previous }, { from: rep.hireDate, rep });
    } else {
      owners.push({ from: createdOn, rep });
    }
    const region: Region = rep.region ?? '华东';
    const city = random.weighted(regionCities(region));
    const [district, division] = random.pick(city.districts);
    const isPerson = random.chance(0.17);
    let category: Category;
    let industry: Industry | null = null;
    let name: string;
    let industryLabel: string;
    if (isPerson) {
      category = random.chance(0.8) ? 'end_customer' : 'agent';
      industryLabel = category === 'agent' ? '个人代理' : random.pick(['网店店主', '微商', '个体经营']);
      do name = personName(random);
      while (usedNames.has(name));
    } else {
      category = random.among<'end_customer' | 'dealer' | 'agent' | 'alliance' | 'online_platform'>(
        'end_customer:60 dealer:16 agent:8 alliance:10 online_platform:6',
      );
      const cityPrefix = city.name;
      for (;;) {
        const brand = random.pick(BRANDS);
        if (category === 'end_customer') {
          industry = random.pick(INDUSTRIES);
          name = `${cityPrefix}${brand}${random.pick(industry.suffixes)}`;
          industryLabel = industry.label;
        } else if (category === 'dealer') {
          name = `${cityPrefix}${brand}${random.pick(['包装材料有限公司', '纸业有限公司', '包装制品经营部', '印务有限公司'])}`;
          industryLabel = '包装经销';
        } else if (category === 'agent') {
          name = `${cityPrefix}${brand}${random.pick(['商贸有限公司', '贸易有限公司', '供应链管理有限公司'])}`;
          industryLabel = '贸易代理';
        } else if (category === 'alliance') {
          const kind = random.pick([
            ['婚庆策划有限公司', '婚庆'],
            ['烘焙食品有限公司', '烘焙'],
            ['花艺设计有限公司', '花艺'],
            ['文化创意有限公司', '文创'],
          ] as const);
          name = `${cityPrefix}${brand}${kind[0]}`;
          industryLabel = kind[1];
        } else {
          name = `${cityPrefix}${brand}电子商务有限公司`;
          industryLabel = '电商平台';
        }
        if (!usedNames.has(name)) break;
      }
    }
    usedNames.add(name);
    const level = random.among<'A' | 'B' | 'C'>(
      category === 'dealer' ? 'A:40 B:45 C:15' : isPerson ? 'A:5 B:35 C:60' : 'A:20 B:45 C:35',
    );
    const earlier = planCustomers.filter(
      (c) => c.region === region && !c.pooledOn && c.createdOn < createdOn,
    );
    const referred = earlier.length > 5 && createdOn >= windowStart && random.chance(0.16);
    const source = referred
      ? 'referral'
      : random.among<'visit' | 'exhibition' | 'online' | 'phone' | 'other'>(
          'visit:35 exhibition:15 online:15 phone:20 other:5',
        );
    const contacts: PlanContact[] = [];
    if (isPerson) {
      contacts.push({
        name,
        role: '本人',
        mobile: makeMobile(random, usedMobiles),
        wechat: '',
        isPrimary: true,
      });
      contacts[0]!.wechat = random.chance(0.7) ? contacts[0]!.mobile! : '';
    } else {
      const roles = random.pick([
        ['采购经理', '财务'],
        ['总经理', '采购专员', '财务'],
        ['老板'],
        ['采购经理', '设计主管', '财务', '仓库主管'],
        ['采购主管', '财务'],
      ]);
      for (const [i, role] of roles.entries()) {
        const mobile = random.chance(i === 0 ? 1 : 0.8) ? makeMobile(random, usedMobiles) : null;
        contacts.push({
          name: personName(random),
          role,
          mobile,
          wechat: mobile && random.chance(0.5) ? `wxid_${random.digits(10)}` : '',
          isPrimary: i === 0,
        });
      }
    }
    const payer: Payer = isPerson
      ? 'cash'
      : random.among<'prompt' | 'slow' | 'bad'>('prompt:70 slow:24 bad:6');
    const plan: PlanCustomer = {
      idx,
      name,
      kind: isPerson ? 'person' : 'company',
      category,
      level,
      region,
      city,
      industry: industryLabel,
      industryKey: industry?.key ?? null,
      source,
      referrer: referred ? random.pick(earlier).idx : null,
      owners,
      pooledOn: null,
      creditCode: isPerson ? null : makeCreditCode(random, division, usedCodes),
      mobile: contacts[0]!.mobile,
      address: `${city.province === `${city.name}市` ? '' : city.province}${city.name}市${district}${random.pick(ROADS)}${random.int(1, 999)}号`,
      note: random.chance(0.12)
        ? random.pick([
            '节前集中备货，需提前一个月确认排产',
            '送货需提前一天预约',
            '只接受月结，对账单每月5日前发送',
            '对色差要求高，每批需确认彩喷稿',
            '老板亲自拍板，采购只负责下单',
          ])
        : '',
      createdOn,
      isNew,
      vetting: 'not_started',
      contacts,
      payer,
      monthly: category === 'dealer' && !isPerson && random.chance(0.6),
      invoiceType: isPerson
        ? 'e_normal'
        : random.among<'e_special' | 'e_normal' | 'special'>('e_special:80 e_normal:14 special:6'),
      priceList: null,
      lastActivityOn: createdOn,
    };
    if (isPool) {
      // Idle for longer than the pool rule allows: its rep lost it to the pool (公海).
      const lastActive = maxDay(
        createdOn,
        minDay(
          addDays(maxDay(createdOn, windowStart), random.int(20, 200)),
          addDays(today, -input.poolReturnDays - 5),
        ),
      );
      plan.pooledOn = minDay(
        addDays(lastActive, input.poolReturnDays + random.int(1, 3)),
        addDays(today, -1),
      );
      plan.lastActivityOn = lastActive;
    }
    if (isNew) {
      plan.vetting = random.among<'pending' | 'not_started' | 'rejected'>(
        'pending:9 not_started:5 rejected:2',
      );
    } else if (!isPool) {
      plan.vetting = 'approved';
    } else {
      plan.vetting = random.chance(0.5) ? 'approved' : 'not_started';
    }
    planCustomers.push(plan);
  }
  const ownedCustomers = planCustomers.filter((c) => !c.pooledOn);
  const trading = ownedCustomers.filter((c) => !c.isNew);

  // ---- price lists ---------------------------------------------------------------------------------
  const priceLists: PlanPriceList[] = [];
  const listFrom = `${Number(windowStart.slice(0, 4))}-01-01`;
  const share = (bp: number) =>
    new Map(CATALOGUE.map((x) => [x.code, Math.round((x.listPriceFen * bp) / 10000)] as const));
  priceLists.push({
    name: '经销商统一价',
    customerCategory: 'dealer',
    customer: null,
    validFrom: listFrom,
    prices: share(8600),
  });
  priceLists.push({
    name: '代理商价格表',
    customerCategory: 'agent',
    customer: null,
    validFrom: listFrom,
    prices: share(9200),
  });
  const bigDealers = trading.filter((c) => c.category === 'dealer' && c.level === 'A').slice(0, 3);
  for (const dealer of bigDealers) {
    dealer.priceList = priceLists.length;
    priceLists.push({
      name: `${dealer.name}专属价格`,
      customerCategory: null,
      customer: dealer,
      validFrom: maxDay(listFrom, dealer.createdOn),
      prices: share(8200 + random.int(0, 2) * 100),
    });
  }
  const priceFor = (c: PlanCustomer, product: ProductSpec): number | null => {
    if (c.priceList !== null) return priceLists[c.priceList]!.prices.get(product.code)!;
    const byCategory = priceLists.find((l) => l.customerCategory === c.category);
    return byCategory ? byCategory.prices.get(product.code)! : null;
  };

  // ---- contracts -------------------------------------------------------------------------------------
  const planContracts: PlanContract[] = [];
  const contractSeq = new Map<string, number>();
  const contractNo = (day: string) => {
    const year = day.slice(0, 4);
    const n = (contractSeq.get(year) ?? 0) + 1;
    contractSeq.set(year, n);
    return `HT${year}${String(n).padStart(4, '0')}`;
  };
  const contractCandidates = trading.filter(
    (c) =>
      c.kind === 'company' &&
      (c.level === 'A' ||
        c.category === 'dealer' ||
        c.category === 'agent' ||
        (c.level === 'B' && random.chance(0.35))),
  );
  const contractsOf = new Map<PlanCustomer, PlanContract[]>();
  for (const c of contractCandidates) {
    const paymentDays = c.monthly ? random.pick([45, 60]) : c.level === 'A' ? random.pick([30, 45]) : 30;
    let start = maxDay(
      addDays(c.createdOn, random.int(5, 20)),
      c.createdOn < windowStart ? addDays(windowStart, -random.int(0, 300)) : c.createdOn,
    );
    const list: PlanContract[] = [];
    while (start <= today) {
      const end = addDays(addDays(start, 365), -1);
      const status = end < today ? 'completed' : 'in_progress';
      const no = contractNo(start);
      list.push({
        no,
        customer: c,
        owner: ownerOn(c, start),
        signedOn: addDays(start, -random.int(1, 10)),
        startOn: start,
        endOn: end,
        amountFen: 0,
        paymentTerms: c.monthly ? `月结${paymentDays}天，每月5日前对账` : `货到${paymentDays}天内付款`,
        paymentDays,
        status,
        attachment: `合同扫描件-${no}.pdf`,
        createdOn: addDays(start, -random.int(10, 20)),
      });
      start = addDays(end, 1);
    }
    contractsOf.set(c, list);
    planContracts.push(...list);
  }
  const contractOn = (c: PlanCustomer, day: string) =>
    contractsOf.get(c)?.find((k) => k.startOn <= day && day <= k.endOn) ?? null;
  // A few new customers have their first contract on the way (waiting for the manager's approval).
  for (const c of planCustomers
    .filter((x) => x.isNew && x.kind === 'company' && x.vetting === 'pending')
    .slice(0, 3)) {
    const start = addDays(today, random.int(3, 10));
    planContracts.push({
      no: contractNo(today),
      customer: c,
      owner: ownerOn(c, today),
      signedOn: null,
      startOn: start,
      endOn: addDays(addDays(start, 365), -1),
      amountFen: random.int(20, 80) * 1_000_000,
      paymentTerms: '货到30天内付款',
      paymentDays: 30,
      status: 'awaiting_approval',
      attachment: null,
      createdOn: addDays(today, -random.int(0, 3)),
    });
  }

  // ---- orders --------------------------------------------------------------------------------------
  const days: string[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  for (let d = 0; d < 365; d++) {
    const day = addDays(windowStart, d);
    days.push(day);
    sum += orderWeight(day);
    cumulative.push(sum);
  }
  const sampleDay = (from: string): string => {
    for (let attempt = 0; attempt < 60; attempt++) {
      const r = random.next() * sum;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      const day = days[lo]!;
      if (day >= from && day < today) return day;
    }
    return addDays(from, random.int(0, Math.max(0, daysFrom(from, today) - 1)));
  };
  const customerWeight = (c: PlanCustomer) => {
    const level = c.level === 'A' ? 6 : c.level === 'B' ? 3 : 1.2;
    const category = { end_customer: 1, dealer: 1.6, agent: 1.2, alliance: 0.7, online_platform: 1.3 }[
      c.category
    ];
    const span = daysFrom(maxDay(c.createdOn, windowStart), today) / 365;
    return level * category * (c.kind === 'person' ? 0.4 : 1) * Math.max(0.05, span);
  };
  const weightedCustomers = trading.map((c) => [c, customerWeight(c)] as const);
  const orderSeeds: { customer: PlanCustomer; day: string }[] = [];
  for (let i = 0; i < TARGET_ORDERS - ORDERS_TODAY; i++) {
    const customer = random.weighted(weightedCustomers);
    orderSeeds.push({ customer, day: sampleDay(addDays(maxDay(customer.createdOn, windowStart), 3)) });
  }
  const todayReps = ['rep1', 'rep4', 'rep7', 'rep2', 'rep5', 'rep8'];
  for (let i = 0; i < ORDERS_TODAY; i++) {
    const username = todayReps[i % todayReps.length]!;
    const theirs = weightedCustomers.filter(([c]) => currentOwner(c)?.username === username);
    const customer = random.weighted(theirs.length ? theirs : weightedCustomers);
    orderSeeds.push({ customer, day: today });
  }
  orderSeeds.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.customer.idx - b.customer.idx));

  const monthSeq = new Map<string, number>();
  const planOrders: PlanOrder[] = [];
  let todayCount = 0;
  for (const seed of orderSeeds) {
    const c = seed.customer;
    const day = seed.day;
    const owner = ownerOn(c, day);
    const contract = contractOn(c, day);
    const month = day.slice(0, 7).replace('-', '');
    const n = (monthSeq.get(month) ?? 0) + 1;
    monthSeq.set(month, n);
    const buys = c.industryKey
      ? INDUSTRIES.find((x) => x.key === c.industryKey)!.buys
      : c.category === 'dealer' || c.category === 'agent'
        ? DEALER_LINES
        : c.category === 'alliance'
          ? mix('LH-001:3 YS-006:3 YS-001:2 SP-002:2 LH-004:1')
          : c.category === 'online_platform'
            ? mix('BZ-003:4 BZ-004:4 BZ-002:3 BZ-006:2 YS-003:1')
            : mix('SP-001:3 SP-002:3 LH-001:2 YS-006:1');
    const seasonal = buys.map(([code, w]) => {
      const product = PRODUCT_BY_CODE.get(code)!;
      let weight = w;
      if (product.season === 'midAutumn') weight *= daysBefore(MID_AUTUMN, day, 60) !== null ? 4 : 0.1;
      if (product.season === 'spring') weight *= daysBefore(SPRING_FESTIVAL, day, 60) !== null ? 2.5 : 0.8;
      return [product, weight] as const;
    });
    const lineCount = Math.min(seasonal.length, random.amongNumbers('1:30 2:28 3:22 4:12 5:8'));
    const chosen: ProductSpec[] = [];
    while (chosen.length < lineCount) {
      const product = random.weighted(seasonal.filter(([x]) => !chosen.includes(x)));
      chosen.push(product);
    }
    const sizeFactor = c.kind === 'person' ? 0.3 : c.level === 'A' ? 1.4 : c.level === 'B' ? 1 : 0.6;
    let belowFloor = false;
    const lines: PlanLine[] = chosen.map((product, i) => {
      const [min, max, step] = product.quantity;
      const quantity = roundTo(random.int(min, max) * sizeFactor, step);
      const special = priceFor(c, product);
      const unitPriceFen = special ?? product.listPriceFen;
      const discountBp = special !== null ? 0 : random.amongNumbers('0:60 200:12 300:10 500:10 800:5 1200:3');
      if (unitPriceFen * (10000 - discountBp) < product.listPriceFen * product.discountFloorBp)
        belowFloor = true;
      const amounts = computeLine({ quantity, unitPriceFen, discountBp, taxRateBp: product.taxRateBp });
      return {
        lineNo: i + 1,
        product,
        quantity,
        unitPriceFen,
        discountBp,
        taxRateBp: product.taxRateBp,
        ...amounts,
        promisedOn: addDays(day, random.int(product.leadDays[0], product.leadDays[1])),
        shippedQuantity: 0,
        returnedQuantity: 0,
        returnedFen: 0,
      };
    });
    const totals = computeOrderTotals(lines);
    let status = 'confirmed';
    if (day === today) {
      status = todayCount < 2 ? 'draft' : belowFloor || todayCount === 2 ? 'awaiting_approval' : 'confirmed';
      todayCount += 1;
    } else if (day >= addDays(today, -2) && belowFloor) {
      status = 'awaiting_approval';
    } else if (day < addDays(today, -5) && random.chance(0.012)) {
      status = 'cancelled';
    }
    const paymentDays = contract ? contract.paymentDays : c.kind === 'person' ? 0 : 30;
    planOrders.push({
      idx: planOrders.length,
      no: `SO${month}${String(n).padStart(4, '0')}`,
      customer: c,
      owner,
      contract,
      orderDate: day,
      status,
      totalFen: totals.totalFen,
      taxFen: totals.taxFen,
      dueOn: computeDueOn(day, paymentDays),
      note:
        status === 'cancelled'
          ? '客户取消订单'
          : belowFloor
            ? '折扣低于底线，已报销售经理审批'
            : random.chance(0.08)
              ? random.pick(['节前急单，请优先排产', '分两批送货', '送货前电话联系仓库', '随货附送检报告'])
              : '',
      lines,
      shipments: [],
      shippedOn: null,
      returnedFen: 0,
      returnDate: null,
      allocatedFen: 0,
      lastPaidOn: null,
      writtenOffFen: 0,
      keepOpen: false,
    });
  }

  // ---- shipments, proofs, returns ------------------------------------------------------------------
  const planProofs: PlanProof[] = [];
  const planReturns: PlanReturn[] = [];
  const returnSeq = new Map<string, number>();
  for (const o of planOrders) {
    if (o.status !== 'confirmed') continue;
    const promised = o.lines.reduce((m, l) => maxDay(m, l.promisedOn), o.orderDate);
    const delay = random.weighted([
      [random.int(-3, 0), 75],
      [random.int(1, 3), 18],
      [random.int(4, 12), 7],
    ] as const);
    const finalDay = maxDay(addDays(o.orderDate, 1), addDays(promised, delay));
    const split = o.lines.length > 1 && random.chance(0.12);
    const batches: { day: string; lines: { line: PlanLine; quantity: number }[] }[] = [];
    if (split) {
      const firstDay = maxDay(addDays(o.orderDate, 1), addDays(finalDay, -random.int(2, 6)));
      const half = Math.ceil(o.lines.length / 2);
      batches.push({
        day: firstDay,
        lines: o.lines.slice(0, half).map((line) => ({ line, quantity: line.quantity })),
      });
      batches.push({
        day: finalDay,
        lines: o.lines.slice(half).map((line) => ({ line, quantity: line.quantity })),
      });
    } else {
      batches.push({ day: finalDay, lines: o.lines.map((line) => ({ line, quantity: line.quantity })) });
    }
    for (const batch of batches) {
      if (batch.day > today) continue;
      for (const { line, quantity } of batch.lines) line.shippedQuantity += quantity;
      o.shipments.push({
        shippedOn: batch.day,
        lines: batch.lines.map(({ line, quantity }) => ({ lineNo: line.lineNo, quantity })),
        ...courierOf(random),
      });
    }
    const shippedAll = o.lines.every((l) => l.shippedQuantity === l.quantity);
    const shippedAny = o.lines.some((l) => l.shippedQuantity > 0);
    o.status = shippedAll ? 'shipped' : shippedAny ? 'partially_shipped' : 'confirmed';
    if (shippedAll) o.shippedOn = o.shipments[o.shipments.length - 1]!.shippedOn;

    // Proofs: artwork printed to the customer's design is approved before production.
    if (o.lines.some((l) => l.product.proof) && random.chance(0.22)) {
      const first = addDays(o.orderDate, random.int(0, 2));
      const decided = (on: string) =>
        on <= today && (o.shipments.length > 0 || on < addDays(today, -3)) ? on : null;
      let version = 1;
      const colour = (day: string, rejected: boolean): PlanProof => {
        const file = `彩喷稿-${o.no}-v${version++}.png`;
        files.set(file, {
          mime: 'image/png',
          content: proofPng([random.int(40, 220), random.int(40, 220), random.int(40, 220)]),
        });
        const decidedOn = decided(addDays(day, random.int(1, 2)));
        return {
          order: o,
          kind: 'colour',
          file,
          state: decidedOn === null ? 'pending' : rejected ? 'rejected' : 'approved',
          decidedOn,
          note:
            rejected && decidedOn ? random.pick(['LOGO需放大10%', '底色偏暗，请调亮', '文字改为繁体']) : '',
        };
      };
      const rejectedFirst = random.chance(0.18);
      const firstProof = colour(first, rejectedFirst);
      planProofs.push(firstProof);
      if (rejectedFirst && firstProof.state === 'rejected') {
        planProofs.push(colour(addDays(firstProof.decidedOn!, 1), false));
      }
      const last = planProofs[planProofs.length - 1]!;
      if (last.state === 'approved' && random.chance(0.5)) {
        const file = `印刷稿-${o.no}.png`;
        files.set(file, {
          mime: 'image/png',
          content: proofPng([random.int(40, 220), random.int(40, 220), random.int(40, 220)]),
        });
        const decidedOn = decided(addDays(last.decidedOn!, random.int(1, 2)));
        planProofs.push({
          order: o,
          kind: 'print',
          file,
          state: decidedOn ? 'approved' : 'pending',
          decidedOn,
          note: '',
        });
      }
    }

    // Returns (~2%): a part of one line, a few days after delivery, before the money comes in.
    if (shippedAll && o.customer.payer !== 'cash' && random.chance(0.024)) {
      const returnDate = addDays(o.shippedOn!, random.int(2, 10));
      if (returnDate > today) continue;
      const line = random.pick(o.lines);
      const quantity = Math.max(1, Math.round(line.quantity * random.int(5, 30) * 0.01));
      const amounts = returnAmounts(
        { quantity: line.quantity, amountFen: line.amountFen, taxFen: line.taxFen, returnedQuantity: 0 },
        quantity,
      );
      line.returnedQuantity = quantity;
      line.returnedFen = amounts.amountFen;
      o.returnedFen = amounts.amountFen;
      o.returnDate = returnDate;
      const month = returnDate.slice(0, 7).replace('-', '');
      const n = (returnSeq.get(month) ?? 0) + 1;
      returnSeq.set(month, n);
      planReturns.push({
        no: `TH${month}${String(n).padStart(4, '0')}`,
        order: o,
        returnDate,
        reason: random.pick(RETURN_REASONS),
        amountFen: amounts.amountFen,
        taxFen: amounts.taxFen,
        lines: [{ lineNo: line.lineNo, quantity, ...amounts }],
      });
    }
  }

  // ---- money in: receipts and allocations ----------------------------------------------------------
  const receivable = planOrders.filter((o) => RECEIVABLE.has(o.status));
  const overdueBands: AgeingBand[] = ['0-30', '31-60', '61-90', '90+'];
  // Every rep has something overdue in every band (the overdue list and the ageing report show it).
  for (const rep of activeReps) {
    for (const band of overdueBands) {
      const candidates = receivable.filter(
        (o) =>
          o.owner === rep &&
          !o.keepOpen &&
          !o.customer.monthly &&
          o.customer.payer !== 'cash' &&
          currentOwner(o.customer) === rep &&
          o.dueOn < today &&
          ageingBand(o.dueOn, today) === band,
      );
      if (candidates.length > 0) random.pick(candidates).keepOpen = true;
    }
  }

  const planReceipts: PlanReceipt[] = [];
  let receiptNo = 0;
  const settleable = (o: PlanOrder) => o.totalFen - o.returnedFen;
  const methodFor = (c: PlanCustomer, amountFen: number) =>
    c.kind === 'person'
      ? random.among<'wechat' | 'alipay' | 'bank' | 'cash'>('wechat:6 alipay:3 bank:2 cash:1')
      : amountFen > 10_000_000 && random.chance(0.3)
        ? 'acceptance_bill'
        : 'bank';
  const addReceipt = (
    c: PlanCustomer,
    receivedOn: string,
    allocations: { order: PlanOrder; amountFen: number }[],
    extraFen = 0,
  ) => {
    if (receivedOn > today) return;
    const allocated = allocations.filter((a) => a.amountFen > 0);
    const amountFen = allocated.reduce((s, a) => s + a.amountFen, 0) + extraFen;
    if (amountFen <= 0) return;
    for (const a of allocated) {
      a.order.allocatedFen += a.amountFen;
      a.order.lastPaidOn = a.order.lastPaidOn === null ? receivedOn : maxDay(a.order.lastPaidOn, receivedOn);
    }
    receiptNo += 1;
    const method = methodFor(c, amountFen);
    const payer =
      c.kind === 'person'
        ? c.name
        : random.chance(0.05)
          ? `${c.name}（代付：${personName(random)}）`
          : c.name;
    planReceipts.push({
      key: `demo-${String(input.seed)}-${String(receiptNo).padStart(5, '0')}`,
      customer: c,
      owner: ownerOn(c, receivedOn),
      receivedOn,
      amountFen,
      method,
      payer,
      reference:
        method === 'bank'
          ? `HX${receivedOn.replaceAll('-', '')}${random.digits(8)}`
          : method === 'acceptance_bill'
            ? `承兑汇票 ${random.digits(12)}`
            : method === 'wechat'
              ? `4200${random.digits(24)}`
              : method === 'alipay'
                ? `2026${random.digits(24)}`
                : '',
      allocations: allocated,
      byUserId: random.chance(0.75) ? input.assistant.userId : ownerOn(c, receivedOn).userId,
    });
  };
  const payDays = (payer: Payer) =>
    payer === 'prompt' ? random.int(20, 55) : payer === 'slow' ? random.int(45, 110) : random.int(60, 150);

  // 月结 dealers: one transfer a month for the previous month's orders.
  const monthlyCustomers = trading.filter((c) => c.monthly);
  for (const c of monthlyCustomers) {
    const byMonth = new Map<string, PlanOrder[]>();
    for (const o of receivable) {
      if (o.customer !== c) continue;
      const list = byMonth.get(monthOf(o.orderDate)) ?? [];
      list.push(o);
      byMonth.set(monthOf(o.orderDate), list);
    }
    for (const [month, list] of byMonth) {
      if (c.payer === 'bad' && random.chance(0.4)) continue;
      const nextMonthStart = addDays(monthBounds(month).to, 1);
      const lag = c.payer === 'slow' ? random.int(30, 70) : random.int(10, 28);
      const latestReturn = list.reduce(
        (m, o) => (o.returnDate ? maxDay(m, addDays(o.returnDate, 1)) : m),
        '',
      );
      const receivedOn = maxDay(addDays(nextMonthStart, lag), latestReturn);
      const extra = random.chance(0.12) ? random.int(1, 99) * 100 : 0;
      addReceipt(
        c,
        receivedOn,
        list.map((o) => ({ order: o, amountFen: settleable(o) })),
        extra,
      );
    }
  }

  for (const o of receivable) {
    const c = o.customer;
    if (c.monthly) continue;
    const due = settleable(o);
    if (due <= 0) continue;
    if (c.payer === 'cash') {
      addReceipt(c, o.orderDate, [{ order: o, amountFen: due }]);
      continue;
    }
    const afterReturn = (day: string) => (o.returnDate ? maxDay(day, addDays(o.returnDate, 1)) : day);
    if (o.keepOpen) {
      // Kept open: at most a deposit came in.
      if (random.chance(0.4)) {
        addReceipt(c, addDays(o.orderDate, random.int(0, 5)), [
          { order: o, amountFen: Math.round(due * 0.3) },
        ]);
      }
      continue;
    }
    if (c.payer === 'bad' && random.chance(0.45)) continue;
    const payOn = afterReturn(addDays(o.orderDate, payDays(c.payer)));
    const pattern = random.among<'full' | 'deposit' | 'partial' | 'over'>(
      'full:70 deposit:20 partial:6 over:4',
    );
    if (pattern === 'full') {
      addReceipt(c, payOn, [{ order: o, amountFen: due }]);
    } else if (pattern === 'deposit') {
      const deposit = Math.round(o.totalFen * random.int(3, 5) * 0.1);
      const first = Math.min(deposit, due);
      addReceipt(c, addDays(o.orderDate, random.int(0, 7)), [{ order: o, amountFen: first }]);
      // The deposit may still be in the future; the balance is only what the deposit left.
      addReceipt(c, payOn, [{ order: o, amountFen: due - o.allocatedFen }]);
    } else if (pattern === 'partial') {
      addReceipt(c, payOn, [{ order: o, amountFen: Math.round(due * random.int(40, 90) * 0.01) }]);
    } else {
      // Paid a round sum above the invoice: the rest stays as the customer's credit.
      const rounded = Math.ceil((due + 1) / 100_000) * 100_000;
      addReceipt(c, payOn, [{ order: o, amountFen: due }], rounded - due);
    }
  }
  // 预收款: money received before any order it could pay, kept as credit.
  for (const c of trading.filter((x) => x.kind === 'company' && !x.monthly).slice(0, 60)) {
    if (!random.chance(0.08)) continue;
    addReceipt(c, addDays(today, -random.int(1, 40)), [], random.int(5, 50) * 100_000);
  }
  planReceipts.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));

  // ---- bad debt ------------------------------------------------------------------------------------
  const planWriteOffs: PlanWriteOff[] = [];
  const writeOffCandidates = receivable.filter(
    (o) => o.customer.payer === 'bad' && !o.keepOpen && openOf(o) > 0 && o.orderDate < addDays(today, -200),
  );
  for (const o of writeOffCandidates.slice(0, 6)) {
    // Written off after the last money came in, never before it.
    const writtenOffOn = maxDay(
      minDay(addDays(o.dueOn, random.int(120, 160)), addDays(today, -random.int(3, 20))),
      o.lastPaidOn ? addDays(o.lastPaidOn, 1) : o.orderDate,
    );
    if (writtenOffOn > today) continue;
    const amountFen = openOf(o);
    o.writtenOffFen += amountFen;
    planWriteOffs.push({
      order: o,
      amountFen,
      reason: random.pick(['客户经营异常，多次催收无果，经法务确认难以收回', '客户已注销，尾款无法收回']),
      status: 'approved',
      requestedOn: addDays(writtenOffOn, -random.int(3, 10)),
      writtenOffOn,
    });
  }
  const pendingWriteOff = writeOffCandidates.find((o) => openOf(o) > 0);
  if (pendingWriteOff) {
    planWriteOffs.push({
      order: pendingWriteOff,
      amountFen: openOf(pendingWriteOff),
      reason: '客户失联三个月，申请核销尾款',
      status: 'pending',
      requestedOn: addDays(today, -random.int(1, 5)),
      writtenOffOn: null,
    });
  }
  for (const o of receivable) {
    if (o.status === 'shipped' && openOf(o) === 0) o.status = 'completed';
  }

  // ---- invoices --------------------------------------------------------------------------------------
  const planInvoices: PlanInvoice[] = [];
  const invoiceGroups = (o: PlanOrder, net: boolean) => {
    const byRate = new Map<number, PlanLine[]>();
    for (const l of o.lines) byRate.set(l.taxRateBp, [...(byRate.get(l.taxRateBp) ?? []), l]);
    return [...byRate.entries()].map(([rate, lines]) => ({
      rate,
      lines: lines
        .map((l) => ({ lineNo: l.lineNo, amountFen: net ? l.amountFen - l.returnedFen : l.amountFen }))
        .filter((l) => l.amountFen > 0),
    }));
  };
  const makeInvoice = (
    o: PlanOrder,
    group: { rate: number; lines: { lineNo: number; amountFen: number }[] },
    requestedOn: string,
    issuedOn: string | null,
    sign: 1 | -1 = 1,
  ): PlanInvoice => {
    const amountFen = sign * group.lines.reduce((s, l) => s + l.amountFen, 0);
    const { taxFen } = splitTax(amountFen, group.rate);
    const lineTax = shareByWeight(
      taxFen,
      group.lines.map((l) => sign * l.amountFen),
    );
    return {
      customer: o.customer,
      order: o,
      status: issuedOn ? 'issued' : 'requested',
      type: o.customer.invoiceType,
      invoiceNo: null,
      invoiceCode: null,
      taxRateBp: group.rate,
      amountFen,
      taxFen,
      lines: group.lines.map((l, i) => ({
        lineNo: l.lineNo,
        amountFen: sign * l.amountFen,
        taxFen: lineTax[i]!,
      })),
      requestedOn,
      issuedOn,
      courier: '',
      trackingNo: '',
      mailedOn: null,
      reverses: null,
    };
  };
  for (const o of receivable) {
    if (!o.shippedOn) continue;
    const c = o.customer;
    const paid = openOf(o) === 0;
    const wanted =
      c.kind === 'person' ? random.chance(0.3) && paid : paid ? random.chance(0.92) : random.chance(0.55);
    if (!wanted) continue;
    let issuedOn = c.monthly
      ? maxDay(o.shippedOn, addDays(monthBounds(monthOf(o.orderDate)).to, random.int(0, 3)))
      : addDays(o.shippedOn, random.int(0, 6));
    const reverseLater =
      o.returnDate !== null &&
      issuedOn < o.returnDate &&
      addDays(o.returnDate, 3) <= today &&
      random.chance(0.5);
    if (o.returnDate && issuedOn < o.returnDate && !reverseLater)
      issuedOn = addDays(o.returnDate, random.int(1, 3));
    const requestedOn = maxDay(o.orderDate, addDays(issuedOn, -random.int(0, 2)));
    if (requestedOn > today) continue;
    const issued = issuedOn <= today ? issuedOn : null;
    if (reverseLater && issued) {
      // Invoiced in full, then the goods came back: 红字发票 reverses it and a new one is issued for the rest.
      const redOn = addDays(o.returnDate!, random.int(1, 2));
      for (const group of invoiceGroups(o, false)) {
        const original = makeInvoice(o, group, requestedOn, issued);
        original.status = 'reversed';
        const red = makeInvoice(o, group, redOn, redOn, -1);
        red.reverses = original;
        planInvoices.push(original, red);
      }
      for (const group of invoiceGroups(o, true)) {
        if (group.lines.length > 0) planInvoices.push(makeInvoice(o, group, redOn, redOn));
      }
      continue;
    }
    for (const group of invoiceGroups(o, true)) {
      if (group.lines.length === 0) continue;
      const invoice = makeInvoice(o, group, requestedOn, issued);
      if (issued && (invoice.type === 'special' || random.chance(0.15))) {
        const mailedOn = addDays(issued, random.int(1, 3));
        if (mailedOn <= today) {
          invoice.status = 'mailed';
          invoice.mailedOn = mailedOn;
          const sf = courierOf(random);
          invoice.courier = sf.courier === '自有车辆送货' ? '顺丰速运' : sf.courier;
          invoice.trackingNo = sf.trackingNo || `SF${random.digits(13)}`;
        }
      }
      planInvoices.push(invoice);
    }
  }
  // Numbers in the order they were issued: 数电票 20 digits (yy + 32 江苏 + channel + sequence), paper 8 digits.
  const issuedInvoices = planInvoices
    .filter((i) => i.issuedOn !== null)
    .sort((a, b) => (a.issuedOn! < b.issuedOn! ? -1 : a.issuedOn! > b.issuedOn! ? 1 : 0));
  let digitalSeq = 0;
  let paperSeq = 0;
  for (const invoice of issuedInvoices) {
    if (invoice.type === 'special' || invoice.type === 'normal') {
      paperSeq += 1;
      invoice.invoiceCode = `32002${invoice.issuedOn!.slice(2, 4)}130`;
      invoice.invoiceNo = String(10_000_000 + paperSeq * 7).slice(-8);
    } else {
      digitalSeq += 1;
      invoice.invoiceNo = `${invoice.issuedOn!.slice(2, 4)}322${String(40_000_000 + digitalSeq * 13).padStart(15, '0')}`;
    }
    const check = validateInvoiceNumber({
      type: invoice.type,
      invoiceNo: invoice.invoiceNo,
      invoiceCode: invoice.invoiceCode,
    });
    if (!check.ok) throw new Error(`generated an invalid invoice number ${invoice.invoiceNo}`);
  }

  // ---- contract amounts, collection plans ----------------------------------------------------------
  for (const k of planContracts) {
    if (k.status === 'awaiting_approval') continue;
    const sumFen = planOrders
      .filter((o) => o.contract === k && RECEIVABLE.has(o.status))
      .reduce((s, o) => s + o.totalFen, 0);
    const elapsed = Math.max(30, daysFrom(k.startOn, minDay(today, k.endOn)) + 1);
    const projected = k.status === 'in_progress' ? (sumFen * 365) / elapsed : sumFen;
    k.amountFen = Math.max(5_000_000, Math.ceil(projected / 1_000_000) * 1_000_000);
    if (k.status === 'in_progress' && sumFen === 0) k.status = 'signed';
  }
  const collectionPlans: Plan['collectionPlans'] = [];
  const bigOrders = receivable
    .filter((o) => o.contract !== null && o.totalFen > 5_000_000)
    .sort((a, b) => b.totalFen - a.totalFen || a.idx - b.idx)
    .slice(0, 20);
  for (const o of bigOrders) {
    const deposit = Math.round(o.totalFen * 0.3);
    collectionPlans.push(
      {
        order: o,
        contract: null,
        seq: 1,
        dueOn: addDays(o.orderDate, 7),
        amountFen: deposit,
        note: '预付款 30%',
      },
      { order: o, contract: null, seq: 2, dueOn: o.dueOn, amountFen: o.totalFen - deposit, note: '尾款' },
    );
  }
  for (const k of planContracts.filter((x) => x.status === 'in_progress').slice(0, 4)) {
    const quarter = Math.floor(k.amountFen / 4);
    for (let q = 0; q < 4; q++) {
      collectionPlans.push({
        order: null,
        contract: k,
        seq: q + 1,
        dueOn: addDays(k.startOn, 90 * (q + 1)),
        amountFen: q === 3 ? k.amountFen - quarter * 3 : quarter,
        note: `第${q + 1}季度`,
      });
    }
  }
  for (const k of planContracts) {
    if (k.attachment)
      files.set(k.attachment, { mime: 'application/pdf', content: contractPdf(`Contract ${k.no} (demo)`) });
  }

  // ---- follow-ups ----------------------------------------------------------------------------------
  const planFollowUps: PlanFollowUp[] = [];
  const followUpKind = () =>
    random.among<'visit' | 'call' | 'wechat' | 'wecom' | 'meeting'>(
      'visit:30 call:26 wechat:24 wecom:10 meeting:4',
    );
  const forcedDue = new Map<string, number>();
  for (const c of planCustomers) {
    const interval = c.level === 'A' ? [6, 18] : c.level === 'B' ? [12, 30] : [20, 48];
    const start = maxDay(c.createdOn, addDays(windowStart, -random.int(0, 20)));
    const end = c.pooledOn ? c.lastActivityOn : today;
    const dates: string[] = [];
    let d = c.createdOn >= windowStart ? c.createdOn : addDays(start, random.int(0, interval[1]!));
    while (d <= end) {
      dates.push(d);
      d = addDays(d, random.int(interval[0]!, interval[1]!));
    }
    let lastOn: string;
    let nextOn: string | null;
    if (c.pooledOn) {
      lastOn = c.lastActivityOn;
      nextOn = addDays(lastOn, random.int(10, 30));
    } else {
      const owner = currentOwner(c)!;
      const team = ['rep1', 'rep2', 'rep3'].includes(owner.username);
      const dueSoFar = forcedDue.get(owner.username) ?? 0;
      // The "due today" list: a few for everyone, more for rep1 and lead1's team.
      const state =
        team && dueSoFar < 6
          ? dueSoFar % 2 === 0
            ? 'due'
            : 'overdue'
          : random.among<'due' | 'overdue' | 'later' | 'none'>('due:7 overdue:10 later:73 none:10');
      forcedDue.set(owner.username, dueSoFar + (state === 'due' || state === 'overdue' ? 1 : 0));
      if (state === 'due') {
        nextOn = today;
        lastOn = addDays(today, -random.int(3, recentDays));
      } else if (state === 'overdue') {
        nextOn = addDays(today, -random.int(1, Math.min(10, recentDays - 1)));
        lastOn = addDays(nextOn, -random.int(1, Math.max(1, recentDays - daysFrom(nextOn, today))));
      } else {
        lastOn = addDays(today, -random.int(0, recentDays));
        nextOn = state === 'none' ? null : addDays(today, random.int(1, 25));
      }
      lastOn = maxDay(lastOn, c.createdOn);
      if (nextOn !== null && nextOn < lastOn) nextOn = addDays(lastOn, 1);
    }
    const history = dates.filter((x) => x < addDays(lastOn, -2));
    history.push(lastOn);
    history.forEach((day, i) => {
      const kind = i === 0 && c.createdOn >= windowStart ? 'visit' : followUpKind();
      const next = i < history.length - 1 ? addDays(history[i + 1]!, random.int(-3, 3)) : nextOn;
      planFollowUps.push({
        customer: c,
        employee: ownerOn(c, day),
        kind,
        happenedOn: day,
        notes:
          i === 0 && c.createdOn >= windowStart
            ? `首次拜访，${c.source === 'referral' ? '经老客户介绍' : '了解客户包装需求'}，留下样品和报价单`
            : random.pick(FOLLOW_UP_NOTES[kind]!),
        outcome: random.pick(OUTCOMES),
        nextFollowUpOn: next !== null && next > day ? next : next === null ? null : addDays(day, 7),
      });
    });
  }
  planFollowUps.sort((a, b) =>
    a.happenedOn < b.happenedOn ? -1 : a.happenedOn > b.happenedOn ? 1 : a.customer.idx - b.customer.idx,
  );
  for (const c of planCustomers) c.lastActivityOn = c.pooledOn ? c.lastActivityOn : c.createdOn;
  for (const f of planFollowUps) f.customer.lastActivityOn = maxDay(f.customer.lastActivityOn, f.happenedOn);
  for (const o of planOrders) o.customer.lastActivityOn = maxDay(o.customer.lastActivityOn, o.orderDate);

  // ---- complaints and surveys ----------------------------------------------------------------------
  const planComplaints: PlanComplaint[] = [];
  const shippedOrders = receivable.filter((o) => o.shipments.length > 0);
  const staffName = (s: Staff) => s.name;
  const makeComplaint = (
    o: PlanOrder,
    receivedOn: string,
    severity: ComplaintSeverity,
    status: PlanComplaint['status'],
  ) => {
    const [title, description] = random.pick(SEVERITY_TITLES[severity]);
    const owner = ownerOn(o.customer, receivedOn);
    const deadlineOn = defaultComplaintDeadline(receivedOn, severity);
    const steps: PlanComplaint['steps'] = [];
    if (status !== 'open') {
      steps.push({
        on: receivedOn,
        byUserId: owner.userId,
        byName: staffName(owner),
        text: '已联系客户了解情况，安排质检复核',
      });
      const second = minDay(addDays(receivedOn, random.int(1, 3)), today);
      steps.push({
        on: second,
        byUserId: owner.userId,
        byName: staffName(owner),
        text: random.pick(['工厂已确认问题原因，安排补货', '与客户协商折让方案', '已安排重新送货']),
      });
    }
    const closedOn = status === 'closed' ? minDay(addDays(deadlineOn, random.int(-1, 3)), today) : null;
    planComplaints.push({
      customer: o.customer,
      order: o,
      severity,
      owner,
      title,
      description,
      receivedOn,
      deadlineOn,
      steps,
      resolution:
        status === 'resolved' || status === 'closed'
          ? random.pick([
              '已补发货物，客户确认收货',
              '给予本单 5% 折让，客户接受',
              '重新印刷并加急送达',
              '更换供应商胶水，后续批次已改善',
            ])
          : '',
      satisfaction: status === 'closed' ? random.amongNumbers('5:4 4:4 3:2 2:1') : null,
      status,
      closedOn,
    });
  };
  const olderShipped = shippedOrders.filter((o) => o.shipments[0]!.shippedOn < addDays(today, -25));
  for (let i = 0; i < 34 && olderShipped.length > 0; i++) {
    const o = random.pick(olderShipped);
    const receivedOn = minDay(addDays(o.shipments[0]!.shippedOn, random.int(1, 15)), addDays(today, -20));
    const severity = random.among<'low' | 'medium' | 'high' | 'critical'>(
      'low:30 medium:40 high:22 critical:8',
    );
    makeComplaint(o, receivedOn, severity, random.chance(0.8) ? 'closed' : 'resolved');
  }
  const shippedBetween = (fromDay: string, toDay: string) =>
    shippedOrders.filter((o) => o.shipments[0]!.shippedOn >= fromDay && o.shipments[0]!.shippedOn <= toDay);
  const recentPlan: [ComplaintSeverity, PlanComplaint['status'], number][] = [
    ['critical', 'open', 3],
    ['high', 'in_progress', 6],
    ['high', 'open', 5],
    ['medium', 'in_progress', 9],
    ['medium', 'open', 2],
    ['low', 'open', 1],
  ];
  // Open cases, most of them past their deadline (the overdue complaints list).
  for (const [severity, status, ago] of recentPlan) {
    const candidates = shippedBetween(addDays(today, -ago - 30), addDays(today, -ago));
    if (candidates.length === 0) continue;
    makeComplaint(random.pick(candidates), addDays(today, -ago), severity, status);
  }

  const planSurveys: PlanSurvey[] = [];
  const score = () => random.amongNumbers('5:45 4:35 3:13 2:5 1:2');
  for (const o of shippedOrders) {
    if (!random.chance(0.08)) continue;
    const doneOn = addDays(o.shipments[0]!.shippedOn, random.int(5, 15));
    if (doneOn > today) continue;
    const s = score();
    planSurveys.push({
      customer: o.customer,
      employee: ownerOn(o.customer, doneOn),
      kind: 'return_visit',
      doneOn,
      score: s,
      comment: random.pick(SURVEY_COMMENTS[s]!),
    });
  }
  for (const c of trading.filter((x) => x.level === 'A')) {
    for (let m = 0, period = monthOf(windowStart); m < 13; m++, period = nextMonth(period)) {
      if (Number(period.slice(5, 7)) % 3 !== 0) continue;
      const monthEnd = monthBounds(period).to;
      const doneOn = addDays(monthEnd, -random.int(0, 10));
      if (doneOn > today || doneOn < c.createdOn) continue;
      const s = score();
      planSurveys.push({
        customer: c,
        employee: ownerOn(c, doneOn),
        kind: 'satisfaction',
        doneOn,
        score: s,
        comment: random.pick(SURVEY_COMMENTS[s]!),
      });
    }
  }

  // ---- statements: last month, for the dealers -----------------------------------------------------
  const period = previousMonth(monthOf(today));
  const { from, to } = monthBounds(period);
  const planStatements: PlanStatement[] = [];
  for (const c of trading.filter((x) => x.category === 'dealer')) {
    let history = 0;
    const m = { orders: 0, returns: 0, receipts: 0, writeOffs: 0, invoiced: 0 };
    let active = false;
    const add = (day: string | null, amount: number, key: keyof typeof m, sign: 1 | -1) => {
      if (day === null || day > to) return;
      if (day < from) {
        if (key !== 'invoiced') history += sign * amount;
      } else {
        m[key] += amount;
        active = true;
      }
    };
    for (const o of receivable) if (o.customer === c) add(o.orderDate, o.totalFen, 'orders', 1);
    for (const r of planReturns) if (r.order.customer === c) add(r.returnDate, r.amountFen, 'returns', -1);
    for (const r of planReceipts) if (r.customer === c) add(r.receivedOn, r.amountFen, 'receipts', -1);
    for (const w of planWriteOffs)
      if (w.order.customer === c && w.status === 'approved')
        add(w.writtenOffOn, w.amountFen, 'writeOffs', -1);
    for (const i of planInvoices)
      if (i.customer === c && i.status !== 'requested') add(i.issuedOn, i.amountFen, 'invoiced', 1);
    if (!active && history === 0) continue;
    const status = random.among<'confirmed' | 'sent' | 'disputed' | 'draft'>(
      'confirmed:45 sent:35 disputed:10 draft:10',
    );
    const sentOn = status === 'draft' ? null : minDay(addDays(to, random.int(1, 4)), today);
    const figures = {
      opening: history,
      orders: m.orders,
      returns: m.returns,
      receipts: m.receipts,
      writeOffs: m.writeOffs,
    };
    planStatements.push({
      customer: c,
      period,
      openingFen: history,
      ordersFen: m.orders,
      returnsFen: m.returns,
      receiptsFen: m.receipts,
      writeOffsFen: m.writeOffs,
      invoicedFen: m.invoiced,
      closingFen: statementClosing(figures),
      status,
      sentOn,
      confirmedOn: status === 'confirmed' && sentOn ? minDay(addDays(sentOn, random.int(1, 4)), today) : null,
      disputeNote:
        status === 'disputed'
          ? random.pick(['客户称有一笔退货未扣减，待核对', '客户称月底一笔回款未列入'])
          : '',
    });
  }

  return {
    customers: planCustomers,
    priceLists,
    contracts: planContracts,
    orders: planOrders,
    returns: planReturns,
    proofs: planProofs,
    receipts: planReceipts,
    writeOffs: planWriteOffs,
    invoices: planInvoices,
    statements: planStatements,
    followUps: planFollowUps,
    complaints: planComplaints,
    surveys: planSurveys,
    collectionPlans,
    files,
  };
}

// ---------------------------------------------------------------------------------------------------
// Writing the plan

const CHUNK = 1000;

async function insertChunks<R, O>(
  rows: R[],
  write: (chunk: R[]) => Promise<O[]>,
  size = CHUNK,
): Promise<O[]> {
  const out: O[] = [];
  for (let i = 0; i < rows.length; i += size) out.push(...(await write(rows.slice(i, i + size))));
  return out;
}

async function writeChunks<R>(
  rows: R[],
  write: (chunk: R[]) => Promise<unknown>,
  size = CHUNK,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function loadStaff(tx: Executor, companyId: number): Promise<Staff[]> {
  const rows = await tx
    .select({
      username: users.username,
      userId: users.id,
      employeeId: employees.id,
      name: employees.name,
      hireDate: employees.hireDate,
      mentorEmployeeId: employees.mentorId,
      unitId: units.id,
      unitCode: units.code,
    })
    .from(users)
    .innerJoin(employees, eq(employees.id, users.employeeId))
    .innerJoin(assignments, and(eq(assignments.employeeId, employees.id), eq(assignments.kind, 'primary')))
    .innerJoin(positions, eq(positions.id, assignments.positionId))
    .innerJoin(units, eq(units.id, positions.unitId))
    .where(eq(users.companyId, companyId))
    .orderBy(users.id);
  return rows.map((r) => ({
    ...r,
    region: r.unitCode.startsWith('XS-E') ? '华东' : r.unitCode.startsWith('XS-S') ? '华南' : null,
  }));
}

function need(staff: Staff[], username: string): Staff {
  const found = staff.find((s) => s.username === username);
  if (!found)
    throw new Error(
      `The demo ledger needs the demo user "${username}": seed the demo company first (seedDemo).`,
    );
  return found;
}

/**
 * Seed the demo company's sales ledger: twelve months of customers, orders, money, invoices, statements
 * and service up to `today`, in one transaction. Run it after `seedDemo` built the org (it looks people up
 * by their demo usernames). A company that already has customers is left alone.
 */
export async function seedDemoLedger(db: Executor, options: DemoLedgerOptions): Promise<DemoLedgerSummary> {
  const started = performance.now();
  const { companyId, today } = options;
  return (db as Db).transaction(async (tx: Tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(customers)
      .where(eq(customers.companyId, companyId));
    const empty: DemoLedgerSummary = {
      skipped: true,
      customers: 0,
      contacts: 0,
      products: 0,
      contracts: 0,
      orders: 0,
      orderLines: 0,
      shipments: 0,
      proofs: 0,
      returns: 0,
      receipts: 0,
      allocations: 0,
      writeOffs: 0,
      invoices: 0,
      statements: 0,
      followUps: 0,
      complaints: 0,
      surveys: 0,
      milliseconds: 0,
    };
    if (Number(existing!.n) > 0) return empty;

    await tx
      .insert(customerSettings)
      .values({ companyId, levels: ['A', 'B', 'C'], poolReturnDays: 30, claimCapPerRep: 50 })
      .onConflictDoNothing();
    const [settings] = await tx
      .select({ poolReturnDays: customerSettings.poolReturnDays })
      .from(customerSettings)
      .where(eq(customerSettings.companyId, companyId));

    const staff = await loadStaff(tx, companyId);
    const reps = staff.filter((s) => /^rep\d+$/.test(s.username) && s.region !== null);
    if (reps.length === 0)
      throw new Error('The demo ledger needs the demo reps (rep1 … rep9): seed the demo company first.');
    const managers = new Map<Region, Staff>([
      ['华东', need(staff, 'manager1')],
      ['华南', need(staff, 'manager2')],
    ]);
    const assistant = need(staff, 'assistant1');
    const plan = planLedger({
      today,
      seed: options.seed,
      reps,
      leads: staff.filter((s) => /^lead\d+$/.test(s.username)),
      assistant,
      poolReturnDays: settings?.poolReturnDays ?? 30,
    });

    // Files (proofs, contract scans).
    const fileRows = [...plan.files.entries()].map(([name, f]) => ({
      companyId,
      name,
      mime: f.mime,
      size: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
      content: f.content,
      createdByUserId: assistant.userId,
    }));
    const fileIds = new Map(
      (
        await insertChunks(
          fileRows,
          (chunk) => tx.insert(files).values(chunk).returning({ id: files.id, name: files.name }),
          300,
        )
      ).map((r) => [r.name, r.id]),
    );

    // Catalogue and price lists.
    const productIds = new Map(
      (
        await tx
          .insert(products)
          .values(
            CATALOGUE.map((x) => ({
              companyId,
              code: x.code,
              name: x.name,
              category: x.category,
              unit: x.unit,
              listPriceFen: x.listPriceFen,
              taxRateBp: x.taxRateBp,
              shelfLifeDays: x.shelfLifeDays,
              discountFloorBp: x.discountFloorBp,
            })),
          )
          .returning({ id: products.id, code: products.code })
      ).map((r) => [r.code, r.id]),
    );

    // Customers, then who referred whom (a referrer is always an earlier customer).
    const customerIds = new Map(
      (
        await insertChunks(plan.customers, (chunk) =>
          tx
            .insert(customers)
            .values(
              chunk.map((c) => ({
                companyId,
                name: c.name,
                kind: c.kind,
                category: c.category,
                level: c.level,
                region: c.region,
                industry: c.industry,
                source: c.source,
                ownerEmployeeId: currentOwner(c)?.employeeId ?? null,
                creditCode: c.creditCode,
                mobile: c.mobile,
                address: c.address,
                note: c.note,
                vettingStatus: c.vetting,
                lastActivityOn: c.lastActivityOn,
                acquiredOn: c.createdOn,
                acquiredUnitId: c.owners[0]!.rep.unitId,
                pooledAt: c.pooledOn ? at(c.pooledOn, 2) : null,
                createdByUserId: c.owners[0]!.rep.userId,
                createdAt: at(c.createdOn, 9 + (c.idx % 9), (c.idx * 7) % 60),
              })),
            )
            .returning({ id: customers.id, name: customers.name }),
        )
      ).map((r) => [r.name, r.id]),
    );
    const cid = (c: PlanCustomer) => customerIds.get(c.name)!;
    const referred = plan.customers.filter((c) => c.referrer !== null);
    if (referred.length > 0) {
      await tx.execute(
        sql`update customers set referrer_customer_id = v.ref from (values ${sql.join(
          referred.map((c) => sql`(${cid(c)}::int, ${cid(plan.customers[c.referrer!]!)}::int)`),
          sql`, `,
        )}) as v(id, ref) where customers.id = v.id`,
      );
    }
    const contactRows = plan.customers.flatMap((c) =>
      c.contacts.map((k) => ({
        companyId,
        customerId: cid(c),
        name: k.name,
        role: k.role,
        mobile: k.mobile,
        wechat: k.wechat,
        isPrimary: k.isPrimary ? 1 : 0,
      })),
    );
    await writeChunks(contactRows, (chunk) => tx.insert(customerContacts).values(chunk));
    const ownershipRows = plan.customers.flatMap((c) => {
      const rows: (typeof customerOwnershipLog.$inferInsert)[] = [];
      c.owners.forEach((o, i) => {
        const previous = i > 0 ? c.owners[i - 1]!.rep : null;
        rows.push({
          companyId,
          customerId: cid(c),
          fromEmployeeId: previous?.employeeId ?? null,
          toEmployeeId: o.rep.employeeId,
          reason: i === 0 ? 'create' : 'transfer',
          at: at(o.from, i === 0 ? 9 : 10),
          byUserId: i === 0 ? o.rep.userId : managers.get(c.region)!.userId,
        });
      });
      if (c.pooledOn) {
        rows.push({
          companyId,
          customerId: cid(c),
          fromEmployeeId: c.owners[c.owners.length - 1]!.rep.employeeId,
          toEmployeeId: null,
          reason: 'pool_return',
          at: at(c.pooledOn, 2),
          byUserId: null,
        });
      }
      return rows;
    });
    await writeChunks(ownershipRows, (chunk) => tx.insert(customerOwnershipLog).values(chunk));
    const vettingRows = plan.customers
      .filter((c) => c.vetting !== 'not_started')
      .map((c) => {
        const manager = managers.get(c.region)!;
        const requested = addDays(c.createdOn, c.isNew ? 1 : 3);
        const decided = c.vetting === 'pending' ? null : minDay(addDays(requested, 2), today);
        return {
          companyId,
          customerId: cid(c),
          visitNotes:
            c.kind === 'person'
              ? '面谈了解采购用途和预计用量'
              : `实地拜访${c.address}，经营场所正常，员工约${(c.idx % 9) * 20 + 30}人`,
          creditAssessment:
            c.vetting === 'rejected'
              ? '工商信息显示存在多起被执行记录，付款能力存疑'
              : '经营正常，无不良记录，同行评价良好',
          creditLimitFen:
            c.vetting === 'approved' ? (c.level === 'A' ? 50 : c.level === 'B' ? 20 : 5) * 1_000_000 : 0,
          status: c.vetting,
          requestedByUserId: c.owners[0]!.rep.userId,
          decidedByUserId: decided ? manager.userId : null,
          decidedAt: decided ? at(decided, 16) : null,
          decisionNote:
            c.vetting === 'approved' ? '同意合作' : c.vetting === 'rejected' ? '暂缓合作，半年后再评估' : '',
          createdAt: at(minDay(requested, today), 11),
        };
      });
    await writeChunks(vettingRows, (chunk) => tx.insert(customerVettings).values(chunk));

    for (const list of plan.priceLists) {
      const [row] = await tx
        .insert(priceLists)
        .values({
          companyId,
          name: list.name,
          customerCategory: list.customerCategory,
          customerId: list.customer ? cid(list.customer) : null,
          validFrom: list.validFrom,
        })
        .returning({ id: priceLists.id });
      await tx.insert(priceListItems).values(
        [...list.prices.entries()].map(([code, priceFen]) => ({
          companyId,
          priceListId: row!.id,
          productId: productIds.get(code)!,
          priceFen,
        })),
      );
    }

    const contractIds = new Map(
      (
        await insertChunks(plan.contracts, (chunk) =>
          tx
            .insert(contracts)
            .values(
              chunk.map((k) => ({
                companyId,
                no: k.no,
                customerId: cid(k.customer),
                ownerEmployeeId: k.owner.employeeId,
                signedOn: k.signedOn,
                startOn: k.startOn,
                endOn: k.endOn,
                amountFen: k.amountFen,
                paymentTerms: k.paymentTerms,
                paymentDays: k.paymentDays,
                status: k.status,
                attachmentFileIds: k.attachment ? [fileIds.get(k.attachment)!] : [],
                createdByUserId: k.owner.userId,
                createdAt: at(minDay(k.createdOn, today), 14),
              })),
            )
            .returning({ id: contracts.id, no: contracts.no }),
        )
      ).map((r) => [r.no, r.id]),
    );

    // Orders and their lines.
    const orderIds = new Map(
      (
        await insertChunks(plan.orders, (chunk) =>
          tx
            .insert(orders)
            .values(
              chunk.map((o) => ({
                companyId,
                no: o.no,
                customerId: cid(o.customer),
                contractId: o.contract ? contractIds.get(o.contract.no)! : null,
                ownerEmployeeId: o.owner.employeeId,
                unitId: o.owner.unitId,
                orderDate: o.orderDate,
                status: o.status,
                totalFen: o.totalFen,
                taxFen: o.taxFen,
                dueOn: o.dueOn,
                note: o.note,
                createdByUserId: o.owner.userId,
                createdAt: at(o.orderDate, 9 + (o.idx % 8), (o.idx * 13) % 60),
              })),
            )
            .returning({ id: orders.id, no: orders.no }),
        )
      ).map((r) => [r.no, r.id]),
    );
    const oid = (o: PlanOrder) => orderIds.get(o.no)!;
    const lineRows = plan.orders.flatMap((o) =>
      o.lines.map((l) => ({
        companyId,
        orderId: oid(o),
        lineNo: l.lineNo,
        productId: productIds.get(l.product.code)!,
        quantity: l.quantity,
        unitPriceFen: l.unitPriceFen,
        discountBp: l.discountBp,
        taxRateBp: l.taxRateBp,
        amountFen: l.amountFen,
        taxFen: l.taxFen,
        promisedOn: l.promisedOn,
        shippedQuantity: l.shippedQuantity,
        returnedQuantity: l.returnedQuantity,
      })),
    );
    const lineIds = new Map(
      (
        await insertChunks(lineRows, (chunk) =>
          tx
            .insert(orderLines)
            .values(chunk)
            .returning({ id: orderLines.id, orderId: orderLines.orderId, lineNo: orderLines.lineNo }),
        )
      ).map((r) => [`${r.orderId}:${r.lineNo}`, r.id]),
    );
    const lid = (o: PlanOrder, lineNo: number) => lineIds.get(`${oid(o)}:${lineNo}`)!;

    const shipmentRows = plan.orders.flatMap((o) =>
      o.shipments.map((s) => ({
        companyId,
        orderId: oid(o),
        shippedOn: s.shippedOn,
        courier: s.courier,
        trackingNo: s.trackingNo,
        lines: s.lines.map((l) => ({ orderLineId: lid(o, l.lineNo), quantity: l.quantity })),
        createdByUserId: o.owner.userId,
        createdAt: at(s.shippedOn, 16),
      })),
    );
    await writeChunks(shipmentRows, (chunk) => tx.insert(shipments).values(chunk));
    await writeChunks(
      plan.proofs.map((x) => ({
        companyId,
        orderId: oid(x.order),
        kind: x.kind,
        fileId: fileIds.get(x.file)!,
        state: x.state,
        decidedOn: x.decidedOn,
        note: x.note,
      })),
      (chunk) => tx.insert(proofs).values(chunk),
    );
    await writeChunks(
      plan.returns.map((r) => ({
        companyId,
        no: r.no,
        orderId: oid(r.order),
        customerId: cid(r.order.customer),
        ownerEmployeeId: r.order.owner.employeeId,
        unitId: r.order.owner.unitId,
        returnDate: r.returnDate,
        reason: r.reason,
        amountFen: r.amountFen,
        taxFen: r.taxFen,
        lines: r.lines.map((l) => ({
          orderLineId: lid(r.order, l.lineNo),
          quantity: l.quantity,
          amountFen: l.amountFen,
          taxFen: l.taxFen,
        })),
        createdByUserId: r.order.owner.userId,
        createdAt: at(r.returnDate, 15),
      })),
      (chunk) => tx.insert(salesReturns).values(chunk),
    );

    // Money in.
    const receiptIds = new Map(
      (
        await insertChunks(plan.receipts, (chunk) =>
          tx
            .insert(receipts)
            .values(
              chunk.map((r) => ({
                companyId,
                customerId: cid(r.customer),
                ownerEmployeeId: r.owner?.employeeId ?? null,
                unitId: r.owner?.unitId ?? null,
                receivedOn: r.receivedOn,
                amountFen: r.amountFen,
                method: r.method,
                payer: r.payer,
                reference: r.reference,
                idempotencyKey: r.key,
                unallocatedFen: r.amountFen - r.allocations.reduce((s, a) => s + a.amountFen, 0),
                createdByUserId: r.byUserId,
                createdAt: at(r.receivedOn, 15, 30),
              })),
            )
            .returning({ id: receipts.id, key: receipts.idempotencyKey }),
        )
      ).map((r) => [r.key, r.id]),
    );
    const allocationRows = plan.receipts.flatMap((r) =>
      r.allocations.map((a) => ({
        companyId,
        receiptId: receiptIds.get(r.key)!,
        orderId: oid(a.order),
        amountFen: a.amountFen,
        allocatedOn: r.receivedOn,
      })),
    );
    await writeChunks(allocationRows, (chunk) => tx.insert(receiptAllocations).values(chunk));
    await writeChunks(
      plan.writeOffs.map((w) => {
        const owner = ownerOn(w.order.customer, w.requestedOn);
        const manager = managers.get(w.order.customer.region)!;
        return {
          companyId,
          customerId: cid(w.order.customer),
          orderId: oid(w.order),
          amountFen: w.amountFen,
          reason: w.reason,
          status: w.status,
          requestedByUserId: owner.userId,
          decidedByUserId: w.status === 'approved' ? manager.userId : null,
          decidedAt: w.writtenOffOn ? at(w.writtenOffOn, 17) : null,
          decisionNote: w.status === 'approved' ? '同意核销，继续保留追索权' : '',
          writtenOffOn: w.writtenOffOn,
          createdAt: at(w.requestedOn, 10),
        };
      }),
      (chunk) => tx.insert(writeOffs).values(chunk),
    );
    await refreshOpenAmounts(tx, { companyId });
    await writeChunks(
      plan.collectionPlans.map((x) => {
        const customer = x.order ? x.order.customer : x.contract!.customer;
        return {
          companyId,
          customerId: cid(customer),
          contractId: x.contract ? contractIds.get(x.contract.no)! : null,
          orderId: x.order ? oid(x.order) : null,
          seq: x.seq,
          dueOn: x.dueOn,
          amountFen: x.amountFen,
          note: x.note,
        };
      }),
      (chunk) => tx.insert(collectionPlans).values(chunk),
    );

    // Invoices: the originals first, then the red-letter ones that point at them.
    const invoiceRow = (i: PlanInvoice, reversesId: number | null) => ({
      companyId,
      customerId: cid(i.customer),
      orderId: oid(i.order),
      status: i.status,
      type: i.type,
      invoiceNo: i.invoiceNo,
      invoiceCode: i.invoiceCode,
      taxRateBp: i.taxRateBp,
      amountExTaxFen: i.amountFen - i.taxFen,
      taxFen: i.taxFen,
      amountFen: i.amountFen,
      lines: i.lines.map((l) => ({
        orderLineId: lid(i.order, l.lineNo),
        amountFen: l.amountFen,
        taxFen: l.taxFen,
      })),
      requestedOn: i.requestedOn,
      issuedOn: i.issuedOn,
      courier: i.courier,
      trackingNo: i.trackingNo,
      mailedOn: i.mailedOn,
      reversesInvoiceId: reversesId,
      createdByUserId: assistant.userId,
      createdAt: at(i.requestedOn, 11),
    });
    const originals = plan.invoices.filter((i) => i.reverses === null);
    const invoiceIds = new Map(
      (
        await insertChunks(originals, (chunk) =>
          tx
            .insert(invoices)
            .values(chunk.map((i) => invoiceRow(i, null)))
            .returning({ id: invoices.id, no: invoices.invoiceNo }),
        )
      ).map((r) => [r.no, r.id]),
    );
    // A reversed invoice was issued, so it has a number to find it by.
    const reds = plan.invoices.filter((i) => i.reverses !== null);
    if (reds.length > 0) {
      await tx
        .insert(invoices)
        .values(reds.map((i) => invoiceRow(i, invoiceIds.get(i.reverses!.invoiceNo)!)));
    }

    await writeChunks(
      plan.statements.map((s) => ({
        companyId,
        customerId: cid(s.customer),
        period: s.period,
        openingFen: s.openingFen,
        ordersFen: s.ordersFen,
        returnsFen: s.returnsFen,
        receiptsFen: s.receiptsFen,
        writeOffsFen: s.writeOffsFen,
        invoicedFen: s.invoicedFen,
        closingFen: s.closingFen,
        status: s.status,
        sentAt: s.sentOn ? at(s.sentOn, 10) : null,
        confirmedAt: s.confirmedOn ? at(s.confirmedOn, 16) : null,
        disputeNote: s.disputeNote,
        createdByUserId: assistant.userId,
        createdAt: at(s.sentOn ?? today, 9),
      })),
      (chunk) => tx.insert(statements).values(chunk),
    );

    // Service: follow-ups, complaints, surveys.
    await writeChunks(
      plan.followUps.map((f) => ({
        companyId,
        customerId: cid(f.customer),
        employeeId: f.employee.employeeId,
        kind: f.kind,
        happenedOn: f.happenedOn,
        notes: f.notes,
        outcome: f.outcome,
        nextFollowUpOn: f.nextFollowUpOn,
        createdByUserId: f.employee.userId,
        createdAt: at(f.happenedOn, 18),
      })),
      (chunk) => tx.insert(followUps).values(chunk),
    );
    await writeChunks(
      plan.complaints.map((x) => ({
        companyId,
        customerId: cid(x.customer),
        orderId: oid(x.order),
        severity: x.severity,
        ownerEmployeeId: x.owner.employeeId,
        title: x.title,
        description: x.description,
        receivedOn: x.receivedOn,
        deadlineOn: x.deadlineOn,
        steps: x.steps,
        resolution: x.resolution,
        satisfaction: x.satisfaction,
        status: x.status,
        closedOn: x.closedOn,
        createdByUserId: x.owner.userId,
        createdAt: at(x.receivedOn, 10),
      })),
      (chunk) => tx.insert(complaints).values(chunk),
    );
    await writeChunks(
      plan.surveys.map((s) => ({
        companyId,
        customerId: cid(s.customer),
        employeeId: s.employee.employeeId,
        kind: s.kind,
        doneOn: s.doneOn,
        score: s.score,
        comment: s.comment,
        createdAt: at(s.doneOn, 17),
      })),
      (chunk) => tx.insert(customerSurveys).values(chunk),
    );

    // The ledger went in by the thousand: roll-ups are built from it once, set-wise.
    await rebuildRollups(tx, companyId);
    return {
      skipped: false,
      customers: plan.customers.length,
      contacts: contactRows.length,
      products: CATALOGUE.length,
      contracts: plan.contracts.length,
      orders: plan.orders.length,
      orderLines: lineRows.length,
      shipments: shipmentRows.length,
      proofs: plan.proofs.length,
      returns: plan.returns.length,
      receipts: plan.receipts.length,
      allocations: allocationRows.length,
      writeOffs: plan.writeOffs.length,
      invoices: plan.invoices.length,
      statements: plan.statements.length,
      followUps: plan.followUps.length,
      complaints: plan.complaints.length,
      surveys: plan.surveys.length,
      milliseconds: Math.round(performance.now() - started),
    };
  });
}
