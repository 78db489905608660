/**
 * Reading a signature block and "Label: value" lines: which line names the person, their job title, the company,
 * the website. Only what the lines say; weighing it against the sender's address is enrich.ts's work.
 */
import { countriesIn } from "./countries";
import { fold } from "./fold";
import { hasLegalForm } from "./legal-forms";

export interface LineValue {
  value: string;
  /** The line it was read from, for the evidence. */
  line: string;
}

export type LabelledField = "company" | "country" | "city" | "website" | "title" | "name";

const FIELD_LABELS: [LabelledField, RegExp][] = [
  [
    "company",
    /^(?:company(?: name)?|firm|organi[sz]ation|empresa|razón social|razao social|société|entreprise|firma|unternehmen|компания|организация|предприятие|الشركة|اسم الشركة|公司(?:名称|名稱)?|单位|單位|công ty|tên công ty|회사(?:명)?|업체명|상호)$/i,
  ],
  [
    "country",
    /^(?:country(?:\/region)?|país|pais|pays|land|страна|البلد|الدولة|国家|國家|国家\/地区|quốc gia|국가|나라)$/i,
  ],
  ["city", /^(?:city|town|ciudad|cidade|ville|stadt|ort|город|المدينة|城市|thành phố|도시)$/i],
  [
    "website",
    /^(?:web(?:site)?|web site|url|homepage|sitio(?: web)?|site(?: web)?|página web|webseite|internet|сайт|الموقع|网站|網站|网址|網址|trang web|웹사이트|홈페이지)$/i,
  ],
  [
    "title",
    /^(?:title|job title|position|cargo|puesto|poste|fonction|position|funktion|должность|المسمى الوظيفي|الوظيفة|职位|職位|职务|chức vụ|직함|직위|직책)$/i,
  ],
  [
    "name",
    /^(?:name|full name|contact(?: person)?|nombre|nome|nom|contato|contacto|ansprechpartner|имя|контактное лицо|الاسم|姓名|联系人|聯絡人|họ tên|họ và tên|tên|이름|성명|담당자)$/i,
  ],
];
const LABEL_LINE = /^[\s*•·\-–>]*([^:：]{1,30}?)\s*[:：]\s*(.+?)\s*$/u;

/** "Company: Al Noor Trading LLC" style fields in any of the lines; the first value of each field wins. */
export function labelledFields(lines: readonly string[]): Partial<Record<LabelledField, LineValue>> {
  const found: Partial<Record<LabelledField, LineValue>> = {};
  for (const line of lines) {
    const m = LABEL_LINE.exec(line);
    if (!m) continue;
    const label = m[1].trim().replace(/\s+/g, " ");
    for (const [field, re] of FIELD_LABELS) {
      if (!found[field] && re.test(label)) found[field] = { value: m[2].trim(), line: line.trim() };
    }
  }
  return found;
}

// Job titles: Latin, Cyrillic, Arabic and Vietnamese words between letter boundaries; Chinese and Korean anywhere.
const TITLE_WORDS = new RegExp(
  "(?<![\\p{L}])(?:manager|director|purchasing|procurement|buyer|purchaser|ceo|cfo|coo|cto|owner|founder|co-founder|president|vice president|vp|head of|sales|marketing|sourcing|supply chain|engineer|assistant|executive|officer|partner|proprietor|general manager|managing director|" +
    "gerente|directora?|compras|comprador(?:a)?|jefe|jefa|encargad[oa]|responsable|propietari[oa]|dono|sócio|comercial|" +
    "directeur|directrice|acheteu(?:r|se)|chef|gérant(?:e)?|achats|" +
    "einkäufer(?:in)?|einkauf|einkaufsleiter(?:in)?|geschäftsführer(?:in)?|leiter(?:in)?|inhaber(?:in)?|vertrieb|" +
    "менеджер|директор|руководитель|закупок|снабжения|специалист|" +
    "مدير|مديرة|مسؤول|المشتريات|المبيعات|" +
    "giám đốc|trưởng phòng|quản lý|nhân viên|phó giám đốc|chủ tịch)(?![\\p{L}])|" +
    "经理|經理|总经理|總經理|采购|採購|主管|总监|總監|董事长|董事長|老板|老闆|业务|業務|" +
    "부장|과장|대리|차장|이사|대표|팀장|사장|실장|주임|사원|매니저",
  "iu",
);

export function looksLikeTitle(line: string): boolean {
  return line.length <= 70 && !/\d{3}|@|www\./i.test(line) && TITLE_WORDS.test(line);
}

const CONTACT_HINT = /\d{4}|@|www\.|https?:|[:：]/;

/** A line that reads as a person's name: 1–4 capitalised words, or 2–4 Chinese or Korean characters. */
export function looksLikePersonName(line: string): boolean {
  const text = line.trim().replace(/[,.]+$/, "");
  if (!text || text.length > 40 || CONTACT_HINT.test(text)) return false;
  if (/^[\u3400-\u9fff]{2,4}$/.test(text) || /^[\uac00-\ud7af]{2,4}$/.test(text)) return true;
  if (hasLegalForm(text) || looksLikeTitle(text) || countriesIn(text).length > 0) return false;
  const parts = text.split(/\s+/);
  if (parts.length > 4) return false;
  // Latin, Cyrillic, Greek or Arabic words; each capitalised when the script has case ("Ahmed Al-Farsi").
  return parts.every((w) => /^[\p{L}][\p{L}'’.-]*$/u.test(w) && (w[0] !== w[0].toLowerCase() || !/\p{Ll}/u.test(w)));
}

const SOCIAL =
  /(?:^|\.)(?:linkedin|facebook|instagram|twitter|x|youtube|wa|t|wechat|tiktok|alibaba|made-in-china|globalsources)\.[a-z.]+$/i;
const URL = /(?:https?:\/\/)?((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?:[/:?#][^\s|,;]*)?/i;

/** The site named in a line ("www.alnoor-trading.ae", "https://acme.de/en"), social networks left out. */
export function websiteIn(line: string): string | undefined {
  if (line.includes("@") && !/www\.|https?:/i.test(line)) return undefined;
  const labelled = /(?:www\.|https?:\/\/)\S+/i.exec(line)?.[0] ?? line.trim();
  const m = URL.exec(labelled);
  if (!m) return undefined;
  const host = m[1].toLowerCase().replace(/^www\./, "");
  return SOCIAL.test(host) ? undefined : host;
}

/**
 * The company a line names: the whole line when it has a legal form, or the part after a title ("Purchasing
 * Manager, Brightway Electric Inc."); undefined otherwise.
 */
export function companyIn(line: string): string | undefined {
  for (const part of line.split(/\s[|·•–—]\s|\t/)) {
    const trimmed = part.trim();
    // A name wholly in quotes loses them; "ООО «Светлый Дом»" keeps its own.
    const text = /^[«"“「『].*[»"”」』]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
    if (!hasLegalForm(text)) continue;
    // "Purchasing Manager, Brightway Electric Inc." / "Geschäftsführer – Müller Elektro GmbH".
    const comma = /^([^,，]{2,60})[,，]\s*(.+)$/.exec(text);
    if (comma && looksLikeTitle(comma[1]) && hasLegalForm(comma[2])) return comma[2].trim();
    if (looksLikeTitle(text) && !/^[^,]*(?:co|ltd|inc|llc|gmbh)/i.test(text)) continue;
    return text;
  }
  return undefined;
}

/** A line whose words spell the sender's company domain ("Brightway Electric" for brightway-electric.com). */
export function matchesDomain(line: string, domain: string): boolean {
  const label = domain.split(".")[0].replace(/-/g, "");
  if (label.length < 4) return false;
  const squashed = fold(line).replace(/[^\p{L}\p{N}]/gu, "");
  if (!squashed || squashed.length > 60) return false;
  if (squashed === label || (squashed.startsWith(label) && squashed.length <= label.length + 20)) return true;
  // "Al Noor" for alnoor-trading.ae: most of the label, from its start.
  return squashed.length >= 5 && label.startsWith(squashed) && squashed.length * 2 >= label.length;
}
