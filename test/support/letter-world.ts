/**
 * A set-up book for the jobs that write to buyers (quotes, letters, samples, campaigns, handover): the Ningbo
 * hardware maker of test/fixtures/pricing/world.ts with its company facts, dated rates, bank details, products,
 * Freight sheet and one buyer per template language, each with an inquiry mail in their own words in the
 * salesperson's inbox.
 */

import type { BuyerLang } from "../../src/domain/buyer-language";
import { setupWorkbook } from "../../src/features/setup/setup";
import { loadTable } from "../../src/store/load-table";
import {
  type Buyer,
  Buyers,
  Freight,
  Inquiries,
  type Inquiry,
  Products,
  Settings,
  Staff,
  type StaffMember,
} from "../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../src/store/table";
import { BUYERS, COMPANY, FREIGHT_ROWS, PRODUCTS } from "../fixtures/pricing/world";
import { installGas, type TestWorld } from "./gas";

export const NOW = new Date("2026-11-23T02:00:00Z"); // Monday 10:00 in Ningbo
export const LINA = "lina@hengda-hardware.cn";
export const TOM = "tom@hengda-hardware.cn";
export const BOSS = "boss@hengda-hardware.cn";
export const SENDER = { email: LINA, name: "Li Na" };

export const BANK = {
  "bank.beneficiary": "Ningbo Hengda Hardware Co., Ltd.",
  "bank.beneficiaryAddress": "88 Binhai Road, Beilun, Ningbo 315800, China",
  "bank.name": "Bank of China, Zhejiang Branch",
  "bank.address": "139 Yaojiang Road, Ningbo, China",
  "bank.account": "3587 5812 3345",
  "bank.swift": "BKCHCNBJ92A",
};

export const RATE_SETTINGS = {
  "fx.base": "USD",
  "fx.date": "2026-11-20",
  "fx.EUR": "0.9213",
  "fx.CNY": "7.1234",
  "fx.GBP": "0.7862",
  "fx.RUB": "92.45",
  "fx.SAR": "3.75",
  "fx.BRL": "5.312",
};

/** The words each buyer's inquiry mail carries, in their language. */
export const INQUIRY_TEXT: Record<BuyerLang, { subject: string; text: string; language: string }> = {
  en: {
    subject: "RFQ stainless hinges for Jebel Ali",
    text: "Dear Sir,\nPlease quote 500 pcs HG-100 hinges and 1000 door stoppers CIF Jebel Ali.\nRegards,\nAhmed Saleh\nGulf Hardware LLC",
    language: "en",
  },
  "zh-CN": {
    subject: "询价：不锈钢合页",
    text: "您好，请报 HG-100 合页 500 个的价格，到香港。谢谢！\n陈志明\n香港恒通五金有限公司",
    language: "zh",
  },
  es: {
    subject: "Cotización bisagras de acero inoxidable",
    text: "Estimados señores:\nNecesitamos cotización de 500 bisagras HG-100 CIF Callao.\nSaludos,\nCarlos Pérez",
    language: "es",
  },
  fr: {
    subject: "Demande de prix charnières inox",
    text: "Bonjour,\nMerci de nous faire une offre pour 500 charnières HG-100, CIF Le Havre.\nCordialement,\nClaire Durand",
    language: "fr",
  },
  pt: {
    subject: "Cotação dobradiças inox",
    text: "Prezados,\nSolicitamos cotação de 500 dobradiças HG-100 CIF Santos.\nAtenciosamente,\nJoão Silva",
    language: "pt",
  },
  ru: {
    subject: "Запрос цены: петли из нержавеющей стали",
    text: "Здравствуйте!\nПросим прислать цену на 500 петель HG-100 CIF Санкт-Петербург.\nС уважением,\nИван Петров",
    language: "ru",
  },
  ar: {
    subject: "طلب عرض سعر مفصلات ستانلس ستيل",
    text: "السلام عليكم،\nنرجو إرسال عرض سعر لعدد 500 مفصلة HG-100 إلى الدمام.\nمع التحية،\nخالد العتيبي",
    language: "ar",
  },
};

export const LANGS: BuyerLang[] = ["en", "zh-CN", "es", "fr", "pt", "ru", "ar"];
/** Buyer IDs by language: B-000001 en … B-000007 ar; inquiries I-000001 … I-000007 likewise. */
export const BUYER_ID = Object.fromEntries(LANGS.map((l, i) => [l, `B-00000${i + 1}`])) as Record<BuyerLang, string>;
export const INQUIRY_ID = Object.fromEntries(LANGS.map((l, i) => [l, `I-00000${i + 1}`])) as Record<BuyerLang, string>;

export function setSettings(w: TestWorld, values: Record<string, string>): void {
  const sheet = w.book.getSheetByName(Settings.name)!;
  const rows = sheet.getDataRange().getValues();
  for (const [key, value] of Object.entries(values)) {
    const i = rows.findIndex((r) => r[0] === key);
    if (i < 0) sheet.appendRow([key, value, ""]);
    else sheet.getRange(i + 1, 2).setValue(value);
  }
}

export function append<S extends typeof Buyers | typeof Inquiries | typeof Staff | typeof Products | typeof Freight>(
  w: TestWorld,
  spec: S,
  records: Record<string, unknown>[],
): void {
  const writer = new TableWriter(loadTable(w.book, spec, "UTC"));
  for (const r of records) writer.append({ ...emptyRecord(spec), ...r } as never);
  writer.commit();
}

export function staffRow(over: Partial<StaffMember> & { email: string }): StaffMember {
  return { ...emptyRecord(Staff), role: "salesperson", status: "active", language: "en", ...over };
}

export function buyerRow(over: Partial<Buyer> & { id: string }): Buyer {
  return { ...emptyRecord(Buyers), status: "active", owner: LINA, ...over } as Buyer;
}

/** A buyer's mail in LINA's inbox; returns the Gmail thread id. */
export function deliver(w: TestWorld, from: string, subject: string, text: string, at = NOW): string {
  w.env.mail.deliver({ from, to: LINA, subject, text, date: new Date(at.getTime() - 3600_000) });
  return GmailApp.search(`subject:"${subject}"`)[0].getId();
}

export interface LetterWorld extends TestWorld {
  threads: Record<BuyerLang, string>;
}

/** The book as LINA (a salesperson) works in it, set up by the boss; every call runs as LINA. */
export function letterWorld(options: { settings?: Record<string, string> } = {}): LetterWorld {
  const w = installGas({ owner: LINA, now: NOW.toISOString() });
  setupWorkbook(w.book, LINA, "en", NOW);
  setSettings(w, {
    "company.name": COMPANY.name,
    "company.founded": COMPANY.founded,
    "company.totalAssets": COMPANY.totalAssets,
    "company.annualSales": COMPANY.annualSales,
    "company.awards": COMPANY.awards,
    "company.contact": COMPANY.contact,
    "company.phone": COMPANY.phone,
    "company.fax": COMPANY.fax,
    "company.email": COMPANY.email,
    "company.website": COMPANY.website,
    "company.products": COMPANY.products ?? "",
    "company.address": COMPANY.address ?? "",
    "company.catalogueLink": "https://www.hengda-hardware.cn/catalogue.pdf",
    "quote.port": "Ningbo",
    "tier.value-added.adjust": "+8%",
    ...RATE_SETTINGS,
    ...BANK,
    ...options.settings,
  });
  const staff = loadTable(w.book, Staff, "UTC");
  const writer = new TableWriter(staff);
  writer.update(LINA, { name: "Li Na", role: "salesperson" });
  writer.append(staffRow({ email: BOSS, name: "Chen Jianguo", role: "boss", language: "zh-CN" }));
  writer.append(staffRow({ email: TOM, name: "Tom Wang" }));
  writer.commit();
  w.book.addEditors([BOSS, TOM]);
  append(
    w,
    Products,
    [...PRODUCTS.values()].map(({ row: _row, ...p }) => p),
  );
  append(
    w,
    Freight,
    FREIGHT_ROWS.map(({ row: _row, ...f }) => f),
  );
  const threads = {} as Record<BuyerLang, string>;
  const buyers: Buyer[] = [];
  const inquiries: Partial<Inquiry>[] = [];
  LANGS.forEach((lang) => {
    const b = BUYERS[lang];
    const mail = INQUIRY_TEXT[lang];
    threads[lang] = deliver(w, `${b.name} <${b.email}>`, mail.subject, mail.text);
    buyers.push(buyerRow({ id: BUYER_ID[lang], name: b.name, email: b.email, company: b.company, country: b.country }));
    inquiries.push({
      id: INQUIRY_ID[lang],
      buyerId: BUYER_ID[lang],
      receivedAt: new Date(NOW.getTime() - 3600_000),
      channel: "email",
      fromName: b.name,
      fromEmail: b.email,
      subject: mail.subject,
      product: "Stainless hinge HG-100",
      country: b.country,
      language: mail.language,
      owner: LINA,
      status: "new",
      gmailThreadId: threads[lang],
    });
  });
  append(w, Buyers, buyers as never);
  append(w, Inquiries, inquiries as never);
  return { ...w, threads };
}
