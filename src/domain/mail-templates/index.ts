/**
 * The built-in wording of every mail template in the seven buyer languages (R9, R31): what "Set up workbook"
 * writes into the Templates sheet, and what a missing row falls back to.
 */
import type { BuyerLang } from "../buyer-language";
import { MAIL_TEMPLATE_KEYS, type MailTemplateRow } from "../mail-template";
import { AR } from "./ar";
import { EN } from "./en";
import { ES } from "./es";
import { FR } from "./fr";
import { PT } from "./pt";
import { RU } from "./ru";
import type { TemplateSet } from "./types";
import { ZH_CN } from "./zh-CN";

const SETS: Record<BuyerLang, TemplateSet> = { en: EN, "zh-CN": ZH_CN, es: ES, fr: FR, pt: PT, ru: RU, ar: AR };

/** One row per key and language, in the sheet's column order (key, language, subject, body). */
export const DEFAULT_MAIL_TEMPLATES: readonly MailTemplateRow[] = (Object.keys(SETS) as BuyerLang[]).flatMap(
  (language) =>
    MAIL_TEMPLATE_KEYS.map((key) => ({
      key,
      language,
      subject: SETS[language][key].subject,
      body: SETS[language][key].body.join("\n"),
    })),
);
