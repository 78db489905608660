import { LANGS, type Lang } from "../domain/lang";
import { en } from "./en";
import { formatMessage } from "./format";
import { zhCN } from "./zh-CN";

export { LANGS, type Lang };

export type MessageKey = keyof typeof en;
const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/** Normalizes what a person may type in Settings or Staff ("zh", "中文", "EN") to a Lang; English when unsure. */
export function toLang(raw: unknown): Lang {
  const s = String(raw ?? "")
    .trim()
    .toLowerCase();
  if (s.startsWith("zh") || s === "中文" || s === "简体中文" || s === "cn") return "zh-CN";
  return "en";
}

/** One message in one language, with `{name}` placeholders filled. Missing params stay visible, never crash. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOGUE[lang][key] ?? en[key] ?? key;
  return formatMessage(lang, template, params);
}

export function catalogue(lang: Lang): Record<MessageKey, string> {
  return CATALOGUE[lang];
}
