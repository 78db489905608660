/**
 * The plain-text quotation (R2) in the buyer's language: items, the price build-up to the Incoterm with
 * every component priced or plainly "on request", the total for the term it really covers, the exchange rate
 * with its date, and the terms. Then the cover mail around it from the Templates sheet (R9, R31), with the
 * service paragraph only when a value-added uplift pays for it (R3).
 */
import type { BuyerLang } from "./buyer-language";
import type { ChargeComponent } from "./freight";
import { type BuyerFacts, type CompanyFacts, letterValues, renderWithProfile, type SenderFacts } from "./letters";
import { type MailTemplateRow, type RenderedMail, renderMail, templateLanguage } from "./mail-template";
import { DEFAULT_MAIL_TEMPLATES } from "./mail-templates";
import { formatMoneyIn, formatQuantityIn, formatRateIn } from "./money-format";
import { type ChargeLine, namedPlace, type PricedQuote, type QuoteLine } from "./pricing";
import type { Incoterm } from "./quote";

interface Labels {
  title: string;
  date: string;
  to: string;
  terms: string;
  moq: string;
  leadTime: string;
  payment: string;
  validUntil: string;
  goods: string;
  goodsMixed: string;
  total: string;
  onRequest: string;
  onRequestShort: string;
  onRequestNote: string;
  totalIsNote: string;
  rate: string;
  rates: string;
  semi: string;
  and: string;
  shipment: string;
  perUnit: string;
  percent: string;
  component: Record<ChargeComponent, string>;
  short: Record<ChargeComponent, string>;
  sep: string;
}

const LABELS: Record<BuyerLang, Labels> = {
  en: {
    title: "QUOTATION {number}",
    date: "Date",
    to: "To",
    terms: "Price terms",
    moq: "MOQ",
    leadTime: "Lead time",
    payment: "Payment",
    validUntil: "Valid until",
    goods: "Goods, {term}",
    goodsMixed: "Goods (EXW and FOB prices as listed)",
    total: "Total {term}",
    onRequest: "price on request",
    onRequestShort: "{what} on request",
    onRequestNote: "{What} to {place}: price on request.",
    totalIsNote: "The total above is {term}.",
    rate: "Exchange rate: 1 {base} = {list} (rate of {date})",
    rates: "Exchange rates: 1 {base} = {list} (rates of {date})",
    semi: "; ",
    and: "and",
    shipment: "per shipment",
    perUnit: "{qty} units × {rate}",
    percent: "{pct}% of the value above",
    component: {
      origin: "Inland transport and export clearance to {from}",
      freight: "Freight {from} – {to}",
      insurance: "Insurance",
      delivery: "Delivery to {to}",
      duty: "Import duty, taxes and customs clearance",
    },
    short: {
      origin: "origin charges",
      freight: "freight",
      insurance: "insurance",
      delivery: "delivery",
      duty: "import duty",
    },
    sep: ": ",
  },
  "zh-CN": {
    title: "报价单 {number}",
    date: "日期",
    to: "致",
    terms: "价格条款",
    moq: "起订量",
    leadTime: "交货期",
    payment: "付款方式",
    validUntil: "有效期至",
    goods: "货值（{term}）",
    goodsMixed: "货值（EXW 与 FOB 价格如上所列）",
    total: "合计 {term}",
    onRequest: "价格另询",
    onRequestShort: "{what}另询",
    onRequestNote: "至 {place} 的{what}另行报价。",
    totalIsNote: "以上合计为 {term} 价格。",
    rate: "汇率：1 {base} = {list}（{date} 汇率）",
    rates: "汇率：1 {base} = {list}（{date} 汇率）",
    semi: "；",
    and: "及",
    shipment: "每票",
    perUnit: "{qty} 件 × {rate}",
    percent: "按以上金额的 {pct}%",
    component: {
      origin: "内陆运输及出口报关（至 {from}）",
      freight: "运费 {from} – {to}",
      insurance: "保险费",
      delivery: "目的地派送（至 {to}）",
      duty: "进口关税、税费及清关",
    },
    short: {
      origin: "起运港费用",
      freight: "运费",
      insurance: "保险费",
      delivery: "派送费",
      duty: "进口关税",
    },
    sep: "：",
  },
  es: {
    title: "COTIZACIÓN {number}",
    date: "Fecha",
    to: "Para",
    terms: "Condiciones de precio",
    moq: "Pedido mínimo",
    leadTime: "Plazo de entrega",
    payment: "Forma de pago",
    validUntil: "Válida hasta",
    goods: "Mercancía, {term}",
    goodsMixed: "Mercancía (precios EXW y FOB según se indica)",
    total: "Total {term}",
    onRequest: "precio a consultar",
    onRequestShort: "{what} a consultar",
    onRequestNote: "{What} hasta {place}: precio a consultar.",
    totalIsNote: "El total anterior es {term}.",
    rate: "Tipo de cambio: 1 {base} = {list} (cambio del {date})",
    rates: "Tipos de cambio: 1 {base} = {list} (cambio del {date})",
    semi: "; ",
    and: "y",
    shipment: "por envío",
    perUnit: "{qty} unidades × {rate}",
    percent: "{pct} % del valor anterior",
    component: {
      origin: "Transporte interior y despacho de exportación hasta {from}",
      freight: "Flete {from} – {to}",
      insurance: "Seguro",
      delivery: "Entrega en {to}",
      duty: "Aranceles, impuestos y despacho de importación",
    },
    short: {
      origin: "gastos en origen",
      freight: "flete",
      insurance: "seguro",
      delivery: "entrega",
      duty: "aranceles",
    },
    sep: ": ",
  },
  fr: {
    title: "OFFRE DE PRIX {number}",
    date: "Date",
    to: "À l'attention de",
    terms: "Conditions de prix",
    moq: "Minimum de commande",
    leadTime: "Délai de livraison",
    payment: "Paiement",
    validUntil: "Valable jusqu'au",
    goods: "Marchandises, {term}",
    goodsMixed: "Marchandises (prix EXW et FOB comme indiqué)",
    total: "Total {term}",
    onRequest: "prix sur demande",
    onRequestShort: "{what} sur demande",
    onRequestNote: "{What} jusqu'à {place} : prix sur demande.",
    totalIsNote: "Le total ci-dessus s'entend {term}.",
    rate: "Taux de change : 1 {base} = {list} (cours du {date})",
    rates: "Taux de change : 1 {base} = {list} (cours du {date})",
    semi: " ; ",
    and: "et",
    shipment: "par expédition",
    perUnit: "{qty} unités × {rate}",
    percent: "{pct} % de la valeur ci-dessus",
    component: {
      origin: "Transport intérieur et dédouanement export jusqu'à {from}",
      freight: "Fret {from} – {to}",
      insurance: "Assurance",
      delivery: "Livraison à {to}",
      duty: "Droits de douane, taxes et dédouanement import",
    },
    short: {
      origin: "frais au départ",
      freight: "fret",
      insurance: "assurance",
      delivery: "livraison",
      duty: "droits à l'importation",
    },
    sep: " : ",
  },
  pt: {
    title: "COTAÇÃO {number}",
    date: "Data",
    to: "Para",
    terms: "Condições de preço",
    moq: "Pedido mínimo",
    leadTime: "Prazo de entrega",
    payment: "Pagamento",
    validUntil: "Válida até",
    goods: "Mercadorias, {term}",
    goodsMixed: "Mercadorias (preços EXW e FOB conforme indicado)",
    total: "Total {term}",
    onRequest: "preço sob consulta",
    onRequestShort: "{what} sob consulta",
    onRequestNote: "{What} até {place}: preço sob consulta.",
    totalIsNote: "O total acima é {term}.",
    rate: "Taxa de câmbio: 1 {base} = {list} (cotação de {date})",
    rates: "Taxas de câmbio: 1 {base} = {list} (cotação de {date})",
    semi: "; ",
    and: "e",
    shipment: "por embarque",
    perUnit: "{qty} unidades × {rate}",
    percent: "{pct}% do valor acima",
    component: {
      origin: "Transporte interno e desembaraço de exportação até {from}",
      freight: "Frete {from} – {to}",
      insurance: "Seguro",
      delivery: "Entrega em {to}",
      duty: "Impostos de importação, taxas e desembaraço aduaneiro",
    },
    short: {
      origin: "despesas na origem",
      freight: "frete",
      insurance: "seguro",
      delivery: "entrega",
      duty: "impostos de importação",
    },
    sep: ": ",
  },
  ru: {
    title: "КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ {number}",
    date: "Дата",
    to: "Кому",
    terms: "Базис поставки",
    moq: "Мин. партия",
    leadTime: "Срок поставки",
    payment: "Оплата",
    validUntil: "Действительно до",
    goods: "Товар, {term}",
    goodsMixed: "Товар (цены EXW и FOB, как указано)",
    total: "Итого {term}",
    onRequest: "цена по запросу",
    onRequestShort: "{what} по запросу",
    onRequestNote: "{What} до {place}: цена по запросу.",
    totalIsNote: "Итог выше указан на условиях {term}.",
    rate: "Курс: 1 {base} = {list} (курс на {date})",
    rates: "Курсы: 1 {base} = {list} (курс на {date})",
    semi: "; ",
    and: "и",
    shipment: "за отправку",
    perUnit: "{qty} ед. × {rate}",
    percent: "{pct} % от суммы выше",
    component: {
      origin: "Доставка до порта {from} и экспортное оформление",
      freight: "Фрахт {from} – {to}",
      insurance: "Страхование",
      delivery: "Доставка до {to}",
      duty: "Импортные пошлины, налоги и таможенное оформление",
    },
    short: {
      origin: "расходы в порту отправления",
      freight: "фрахт",
      insurance: "страхование",
      delivery: "доставка",
      duty: "импортные пошлины",
    },
    sep: ": ",
  },
  ar: {
    title: "عرض سعر {number}",
    date: "التاريخ",
    to: "إلى",
    terms: "شروط السعر",
    moq: "الحد الأدنى للطلب",
    leadTime: "مدة التسليم",
    payment: "طريقة الدفع",
    validUntil: "صالح حتى",
    goods: "قيمة البضاعة، {term}",
    goodsMixed: "قيمة البضاعة (أسعار EXW وFOB كما هو مبين)",
    total: "الإجمالي {term}",
    onRequest: "السعر عند الطلب",
    onRequestShort: "{what} عند الطلب",
    onRequestNote: "{What} حتى {place}: السعر عند الطلب.",
    totalIsNote: "الإجمالي أعلاه على أساس {term}.",
    rate: "سعر الصرف: 1 {base} = {list} (سعر يوم {date})",
    rates: "أسعار الصرف: 1 {base} = {list} (سعر يوم {date})",
    semi: "؛ ",
    and: "و",
    shipment: "لكل شحنة",
    perUnit: "{qty} وحدة × {rate}",
    percent: "{pct}% من القيمة أعلاه",
    component: {
      origin: "النقل الداخلي والتخليص الجمركي للتصدير حتى {from}",
      freight: "الشحن {from} – {to}",
      insurance: "التأمين",
      delivery: "التوصيل إلى {to}",
      duty: "الرسوم الجمركية والضرائب والتخليص عند الاستيراد",
    },
    short: {
      origin: "مصاريف بلد المنشأ",
      freight: "الشحن",
      insurance: "التأمين",
      delivery: "التوصيل",
      duty: "الرسوم الجمركية",
    },
    sep: ": ",
  },
};

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function capitalised(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/** Common units in the buyer's language; anything else is printed as the Products sheet has it. */
const UNITS: Record<string, Partial<Record<BuyerLang, string>>> = {
  pcs: { "zh-CN": "件", es: "uds.", fr: "pcs", pt: "pçs", ru: "шт.", ar: "قطعة" },
  sets: { "zh-CN": "套", es: "juegos", fr: "jeux", pt: "jogos", ru: "компл.", ar: "طقم" },
  pairs: { "zh-CN": "双", es: "pares", fr: "paires", pt: "pares", ru: "пар", ar: "زوج" },
  cartons: { "zh-CN": "箱", es: "cajas", fr: "cartons", pt: "caixas", ru: "кор.", ar: "كرتونة" },
  rolls: { "zh-CN": "卷", es: "rollos", fr: "rouleaux", pt: "rolos", ru: "рул.", ar: "لفة" },
};
const UNIT_NAMES: Record<string, string> = {
  pc: "pcs",
  pcs: "pcs",
  piece: "pcs",
  pieces: "pcs",
  set: "sets",
  sets: "sets",
  pair: "pairs",
  pairs: "pairs",
  ctn: "cartons",
  ctns: "cartons",
  carton: "cartons",
  cartons: "cartons",
  roll: "rolls",
  rolls: "rolls",
};

export function unitIn(unit: string, lang: BuyerLang): string {
  const u = unit.trim();
  const known = UNIT_NAMES[u.toLowerCase().replace(/\.$/, "")];
  return (known && UNITS[known][lang]) || u;
}

type Period = "days" | "workdays" | "weeks";
const PERIOD_WORDS: Record<Period, Record<BuyerLang, Partial<Record<Intl.LDMLPluralRule, string>>>> = {
  days: {
    en: { one: "day", other: "days" },
    "zh-CN": { other: "天" },
    es: { one: "día", other: "días" },
    fr: { one: "jour", other: "jours" },
    pt: { one: "dia", other: "dias" },
    ru: { one: "день", few: "дня", many: "дней", other: "дня" },
    ar: { one: "يوم", two: "يومان", few: "أيام", many: "يومًا", other: "يوم" },
  },
  workdays: {
    en: { one: "working day", other: "working days" },
    "zh-CN": { other: "个工作日" },
    es: { one: "día hábil", other: "días hábiles" },
    fr: { one: "jour ouvré", other: "jours ouvrés" },
    pt: { one: "dia útil", other: "dias úteis" },
    ru: { one: "рабочий день", few: "рабочих дня", many: "рабочих дней", other: "рабочего дня" },
    ar: { other: "يوم عمل" },
  },
  weeks: {
    en: { one: "week", other: "weeks" },
    "zh-CN": { other: "周" },
    es: { one: "semana", other: "semanas" },
    fr: { one: "semaine", other: "semaines" },
    pt: { one: "semana", other: "semanas" },
    ru: { one: "неделя", few: "недели", many: "недель", other: "недели" },
    ar: { one: "أسبوع", two: "أسبوعان", few: "أسابيع", many: "أسبوعًا", other: "أسبوع" },
  },
};

/**
 * "25 days", "25-30 days", "4 weeks", "15 working days", "30天" in the buyer's language (plural forms from
 * Intl.PluralRules); any other wording is printed as typed.
 */
export function leadTimeIn(text: string, lang: BuyerLang): string {
  const s = text.normalize("NFKC").trim();
  const m =
    /^(\d{1,3})(?:\s*(?:-|–|~|to)\s*(\d{1,3}))?\s*(days?|d|天|calendar days?|working days?|business days?|工作日|个工作日|weeks?|wks?|周)$/i.exec(
      s,
    );
  if (!m) return s;
  const unit = m[3].toLowerCase();
  const period: Period = /work|business|工作日/.test(unit) ? "workdays" : /^w|周/.test(unit) ? "weeks" : "days";
  const last = Number(m[2] ?? m[1]);
  const rule = new Intl.PluralRules(lang).select(last);
  const words = PERIOD_WORDS[period][lang];
  const word = words[rule] ?? words.other ?? "";
  const numbers = m[2] ? `${m[1]}–${m[2]}` : m[1];
  if (lang === "ar" && !m[2] && last === 2 && words.two) return words.two;
  if (lang === "ar" && !m[2] && last === 1 && words.one) return words.one;
  return `${numbers} ${word}`;
}

export interface QuotationFacts {
  /** Q-yyyy-nnnn: the reference the buyer quotes back. */
  number: string;
  /** yyyy-mm-dd in the company zone. */
  date: string;
  validUntil: string;
  buyerCompany: string;
  payment: string;
  /** The quote's overall lead time; each line also shows its own. */
  leadTime: string;
}

function termText(term: Incoterm, q: PricedQuote): string {
  const place = namedPlace(term, q.loadingPort, q.destination);
  return place ? `${term} ${place}` : term;
}

function itemLines(lines: readonly QuoteLine[], q: PricedQuote, L: Labels, lang: BuyerLang): string[] {
  const money = (d: QuoteLine["amount"]) => formatMoneyIn(d, q.currency, lang);
  return lines.flatMap((l, i) => {
    const title = [l.name, l.model].filter((x) => x.trim() !== "").join(" ") || l.code;
    const spec = l.spec.trim() === "" ? "" : ` (${l.spec.trim()})`;
    const unit = unitIn(l.unit, lang);
    const qty = `${formatQuantityIn(l.qty, lang)}${unit ? ` ${unit}` : ""}`;
    const basis = q.goodsBasis === "mixed" ? ` (${l.basis})` : "";
    const notes = [
      l.moq !== null ? `${L.moq}${L.sep}${formatQuantityIn(l.moq, lang)}${unit ? ` ${unit}` : ""}` : "",
      l.leadTime.trim() ? `${L.leadTime}${L.sep}${leadTimeIn(l.leadTime, lang)}` : "",
    ].filter((x) => x !== "");
    return [
      `${i + 1}. ${title}${spec}`,
      `   ${qty} × ${money(l.unitPrice)} = ${money(l.amount)}${basis}`,
      ...(notes.length > 0 ? [`   ${notes.join(L.semi)}`] : []),
    ];
  });
}

function chargeText(c: ChargeLine, q: PricedQuote, L: Labels, lang: BuyerLang): string {
  const from = q.loadingPort;
  const place = q.destination.port || q.destination.country;
  const to = c.component === "freight" ? q.destination.dischargePort?.trim() || place : place;
  let name = fill(L.component[c.component], { from, to });
  if (c.component === "freight" && from === "") name = name.replace(/\s+–\s+/, " ").trim();
  if (c.amount === null) return `${name}${L.sep}${L.onRequest}`;
  const basis =
    c.basis === "shipment"
      ? L.shipment
      : c.basis === "unit" && c.rate && c.quantity !== null
        ? fill(L.perUnit, {
            qty: formatQuantityIn(c.quantity, lang),
            rate: formatMoneyIn(c.rate, q.currency, lang),
          })
        : c.basis === "percent" && c.rate
          ? fill(L.percent, { pct: formatRateIn(c.rate, lang) })
          : "";
  const comma = lang === "zh-CN" ? "，" : lang === "ar" ? "، " : ", ";
  return `${name}${basis ? `${comma}${basis}` : ""}${L.sep}${formatMoneyIn(c.amount, q.currency, lang)}`;
}

function listed(items: readonly string[], and: string, lang: BuyerLang): string {
  if (items.length <= 1) return items.join("");
  const join = lang === "zh-CN" ? "、" : ", ";
  const last = lang === "zh-CN" ? and : lang === "ar" ? ` ${and}` : ` ${and} `;
  return `${items.slice(0, -1).join(join)}${last}${items[items.length - 1]}`;
}

function buildUp(q: PricedQuote, L: Labels, lang: BuyerLang): string[] {
  const money = (d: NonNullable<PricedQuote["total"]>) => formatMoneyIn(d, q.currency, lang);
  const out: string[] = [];
  const goodsTerm: Incoterm = q.goodsBasis === "EXW" ? "EXW" : "FOB";
  const goodsLabel = q.goodsBasis === "mixed" ? L.goodsMixed : fill(L.goods, { term: termText(goodsTerm, q) });
  out.push(`${goodsLabel}${L.sep}${money(q.goods)}`);
  for (const c of q.charges) out.push(chargeText(c, q, L, lang));
  if (q.total && q.totalTerm) out.push(`${fill(L.total, { term: termText(q.totalTerm, q) })}${L.sep}${money(q.total)}`);
  if (!q.complete) {
    const what = listed(
      q.onRequest.map((c) => L.short[c]),
      L.and,
      lang,
    );
    const place = q.destination.port || q.destination.country;
    out.push("");
    out.push(fill(L.onRequestNote, { What: capitalised(what), what, place }));
    if (q.totalTerm) out.push(fill(L.totalIsNote, { term: termText(q.totalTerm, q) }));
  }
  return out;
}

/** The quotation block (R2: plain text), in `lang`. */
export function renderQuotation(q: PricedQuote, facts: QuotationFacts, lang: BuyerLang): string {
  const L = LABELS[lang];
  const what = listed(
    q.onRequest.map((c) => L.short[c]),
    L.and,
    lang,
  );
  const terms = `${termText(q.incoterm, q)}, Incoterms 2020${q.complete ? "" : ` – ${fill(L.onRequestShort, { what })}`}`;
  const head = [
    fill(L.title, { number: facts.number }),
    `${L.date}${L.sep}${facts.date}`,
    facts.buyerCompany.trim() ? `${L.to}${L.sep}${facts.buyerCompany.trim()}` : "",
    `${L.terms}${L.sep}${terms}`,
  ].filter((x) => x !== "");
  const rates = q.rates
    ? [
        fill(q.rates.currencies.length > 1 ? L.rates : L.rate, {
          base: q.rates.base,
          list: q.rates.currencies.map((c) => `${formatRateIn(c.rate, lang)} ${c.code}`).join(" = "),
          date: q.rates.date,
        }),
      ]
    : [];
  const tail = [
    ...rates,
    facts.payment.trim() ? `${L.payment}${L.sep}${facts.payment.trim()}` : "",
    facts.leadTime.trim() ? `${L.leadTime}${L.sep}${leadTimeIn(facts.leadTime, lang)}` : "",
    facts.validUntil.trim() ? `${L.validUntil}${L.sep}${facts.validUntil.trim()}` : "",
  ].filter((x) => x !== "");
  return [...head, "", ...itemLines(q.lines, q, L, lang), "", ...buildUp(q, L, lang), "", ...tail].join("\n");
}

export interface QuoteMailInput {
  templates: readonly MailTemplateRow[];
  /** The buyer's language (the mail falls back to English when the Templates sheet has no row for it). */
  lang: BuyerLang;
  quote: PricedQuote;
  facts: QuotationFacts;
  buyer: BuyerFacts;
  sender: SenderFacts;
  company: CompanyFacts;
  catalogueLink: string;
}

/** The cover mail with the quotation inside, or the refusal naming template, language and placeholder. */
export function renderQuoteMail(input: QuoteMailInput): RenderedMail {
  const { templates, quote } = input;
  const lang = templateLanguage(templates, DEFAULT_MAIL_TEMPLATES, "quote.cover", input.lang);
  // R3: "service included" only where an uplift is priced in.
  const service = quote.servicePriced
    ? renderMail(templates, DEFAULT_MAIL_TEMPLATES, "quote.service", lang, {})
    : undefined;
  if (service && !service.ok) return service;
  const values = {
    ...letterValues(lang, input.buyer, input.sender, input.company, input.catalogueLink),
    "quote.number": input.facts.number,
    "quote.validUntil": input.facts.validUntil,
    "quote.text": renderQuotation(quote, input.facts, lang),
    "quote.service": service?.ok ? service.body : "",
  };
  const models = quote.lines.map((l) => l.model.trim()).filter((m) => m !== "");
  return renderWithProfile(templates, "quote.cover", lang, values, input.company, models);
}
