/**
 * The demo company: a small hand-tool exporter in Ningbo. Everything here is invented, but shaped like the
 * companies the operating manual describes (a boss, an assistant, salespeople by market, tiered prices).
 */

export const DOMAIN = "acme-tools.cn";
export const COMPANY_NAME = "Ningbo Acme Tools Co., Ltd.";
export const TIME_ZONE = "Asia/Shanghai";

export type DemoRole = "boss" | "assistant" | "salesperson";

export interface DemoUser {
  email: string;
  name: string;
  role: DemoRole;
  language: "zh-CN" | "en";
  regions: string[];
  products: string[];
  deputy?: string;
  /** Days from "now" of a planned trip (R6: a deputy handles inquiries meanwhile). */
  awayDays?: [from: number, until: number];
  /** Days before "now" the person joined. */
  joinedDaysAgo: number;
}

export const BOSS = "boss@acme-tools.cn";
export const ASSISTANT = "lily.zhou@acme-tools.cn";
export const TOM = "tom.wang@acme-tools.cn";
export const AMY = "amy.liu@acme-tools.cn";
export const KEVIN = "kevin.zhang@acme-tools.cn";

export const DEMO_USERS: DemoUser[] = [
  {
    email: BOSS,
    name: "Chen Jianguo",
    role: "boss",
    language: "zh-CN",
    regions: [],
    products: [],
    joinedDaysAgo: 3650,
  },
  {
    email: ASSISTANT,
    name: "Lily Zhou",
    role: "assistant",
    language: "en",
    regions: [],
    products: [],
    joinedDaysAgo: 1400,
  },
  {
    email: TOM,
    name: "Tom Wang",
    role: "salesperson",
    language: "en",
    regions: ["Middle East", "Africa", "South Asia"],
    products: ["pliers", "wrench"],
    joinedDaysAgo: 1100,
  },
  {
    email: AMY,
    name: "Amy Liu",
    role: "salesperson",
    language: "en",
    regions: ["Europe", "North America", "Oceania"],
    products: ["tape measure", "screwdriver"],
    joinedDaysAgo: 800,
  },
  {
    email: KEVIN,
    name: "Kevin Zhang",
    role: "salesperson",
    language: "zh-CN",
    regions: ["Southeast Asia", "Latin America", "East Asia", "CIS"],
    products: ["socket", "hammer"],
    deputy: TOM,
    // Off to a trade fair next week; Tom covers his inquiries meanwhile (R6).
    awayDays: [3, 9],
    joinedDaysAgo: 420,
  },
];

/** Settings values for the company profile (R9) and the schedule; keys as in src/store/settings.ts. */
export function companySettings(language: "zh-CN" | "en"): Record<string, string> {
  return {
    language,
    "company.name": COMPANY_NAME,
    "company.founded": "2006",
    "company.totalAssets": "RMB 48 million",
    "company.annualSales": "USD 12.5 million (2025)",
    "company.awards": "ISO 9001:2015; BSCI audited; GS/TÜV for pliers and screwdrivers; Ningbo Famous Brand 2023",
    "company.contact": "Lily Zhou (sales assistant)",
    "company.phone": "+86 574 8765 4321",
    "company.fax": "+86 574 8765 4322",
    "company.website": "https://www.acme-tools.cn",
    "company.domains": DOMAIN,
    // Quotes name their port of loading (FOB Ningbo), as an export desk in Ningbo writes them.
    "quote.port": "Ningbo",
    "report.bossEmail": BOSS,
    "report.marketingHeadEmail": BOSS,
    "intake.ignore": "@seo-boost-offers.net",
  };
}

export interface DemoProduct {
  code: string;
  name: string;
  model: string;
  spec: string;
  moq: number;
  unit: string;
  keyContact: string;
  certifications: string;
  parameters: string;
  currency: string;
  basePrice: string;
  tierPrices: string;
  leadTime: string;
  pictures: string;
  catalogueLink: string;
}

/** R4 catalogue lines with R3 tier prices (standard, price-sensitive, value-added). */
export const DEMO_PRODUCTS: DemoProduct[] = [
  product(
    "P-0001",
    "Combination pliers",
    "AT-CP8",
    '8" CrV steel, bi-colour grips',
    1200,
    "pcs",
    TOM,
    "GS, TÜV",
    "HRC 55–60; cutting 1.6 mm piano wire",
    1.85,
  ),
  product(
    "P-0002",
    "Long-nose pliers",
    "AT-LN6",
    '6" CrV steel, serrated jaws',
    1200,
    "pcs",
    TOM,
    "GS",
    "HRC 55–60; length 160 mm",
    1.62,
  ),
  product(
    "P-0003",
    "Adjustable wrench",
    "AT-AW10",
    '10" forged, 0–30 mm jaw',
    1000,
    "pcs",
    TOM,
    "ANSI B107.8",
    "Jaw 30 mm; chrome plated",
    2.35,
  ),
  product(
    "P-0004",
    "Screwdriver set 12 pc",
    "AT-SD12",
    "S2 bits, magnetic tips, soft grip",
    500,
    "sets",
    AMY,
    "GS, REACH",
    "Slotted 3/5/6 mm, PH0–PH2, PZ1–PZ2",
    4.9,
  ),
  product(
    "P-0005",
    "Tape measure 5 m",
    "AT-TM5",
    "5 m × 19 mm, nylon-coated blade",
    2000,
    "pcs",
    AMY,
    "EC Class II, MID",
    "Accuracy ±1.2 mm at 5 m",
    0.98,
  ),
  product(
    "P-0006",
    'Socket set 1/2" 24 pc',
    "AT-SS24",
    "CrV sockets 10–32 mm, 72-tooth ratchet",
    300,
    "sets",
    KEVIN,
    "ANSI, DIN 3124",
    "Blow-moulded case; 72T ratchet",
    12.4,
  ),
  product(
    "P-0007",
    "Claw hammer 16 oz",
    "AT-CH16",
    "Forged head, fibreglass handle",
    1000,
    "pcs",
    KEVIN,
    "ANSI",
    "Head 450 g; handle 330 mm",
    2.75,
  ),
  product(
    "P-0008",
    "Hex key set 9 pc",
    "AT-HK9",
    "CrV, ball end, 1.5–10 mm",
    2000,
    "sets",
    AMY,
    "ISO 2936",
    "Black finish; holder clip",
    1.15,
  ),
  product(
    "P-0009",
    "Utility knife",
    "AT-UK18",
    "18 mm snap-off, auto-lock slider",
    3000,
    "pcs",
    TOM,
    "CE",
    "Zinc alloy body; 3 spare blades",
    0.72,
  ),
  product(
    "P-0010",
    'Pipe wrench 14"',
    "AT-PW14",
    "Cast iron body, drop-forged jaw",
    500,
    "pcs",
    KEVIN,
    "GGG-standard",
    "Jaw 50 mm; red powder coat",
    4.6,
  ),
];

function product(
  code: string,
  name: string,
  model: string,
  spec: string,
  moq: number,
  unit: string,
  keyContact: string,
  certifications: string,
  parameters: string,
  base: number,
): DemoProduct {
  const price = (factor: number) => (base * factor).toFixed(2);
  return {
    code,
    name,
    model,
    spec,
    moq,
    unit,
    keyContact,
    certifications,
    parameters,
    currency: "USD",
    basePrice: base.toFixed(2),
    // The format src/domain/tiers.ts reads (R3): price-sensitive markets get the competitive first quote.
    tierPrices: `standard: ${price(1)}; price-sensitive: ${price(0.92)}; value-added: ${price(1.08)}`,
    leadTime: "30–35 days after deposit",
    pictures: `IMG-${code.slice(2)}-01..04`,
    catalogueLink: `https://www.acme-tools.cn/catalogue/${model.toLowerCase()}`,
  };
}

/** Routing rules (R6): first match wins; anything else goes to the lightest-loaded salesperson. */
export const DEMO_ROUTING: { country: string; region: string; product: string; to: string }[] = [
  { country: "", region: "Middle East", product: "", to: TOM },
  { country: "", region: "Africa", product: "", to: TOM },
  { country: "", region: "South Asia", product: "", to: TOM },
  { country: "", region: "Europe", product: "", to: AMY },
  { country: "", region: "North America", product: "", to: AMY },
  { country: "", region: "Oceania", product: "", to: AMY },
  { country: "", region: "Southeast Asia", product: "", to: KEVIN },
  { country: "", region: "Latin America", product: "", to: KEVIN },
  { country: "", region: "East Asia", product: "", to: KEVIN },
  { country: "", region: "CIS", product: "", to: KEVIN },
];

export function userByEmail(email: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.email === email.toLowerCase());
}
