/** Languages the UI speaks. Settings and each Staff row choose one; menus follow the spreadsheet's setting. */
export type Lang = "zh-CN" | "en";
export const LANGS: readonly Lang[] = ["zh-CN", "en"];
