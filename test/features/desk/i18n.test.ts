/**
 * The catalogue in both languages (C3): plural forms by Intl.PluralRules, units, names of stored values, and
 * validation errors that name the field in the person's language.
 */
import { describe, expect, it } from "vitest";
import { t } from "../../../src/i18n";
import { en } from "../../../src/i18n/en";
import { formatMessage } from "../../../src/i18n/format";
import { zhCN } from "../../../src/i18n/zh-CN";
import { refusalText } from "../../../src/rpc/refusal";
import { CHANNELS, FOLLOW_UP_CHANNELS, SOURCES } from "../../../src/store/schemas";
import { ALICE, makeWorld, staffRow } from "../../support/world";

describe("plural forms and units (Intl.PluralRules)", () => {
  it("one and many in English, one form in Chinese", () => {
    expect(t("en", "sb.daysOverdue", { count: 1 })).toBe("1 day overdue");
    expect(t("en", "sb.daysOverdue", { count: 13 })).toBe("13 days overdue");
    expect(t("zh-CN", "sb.daysOverdue", { count: 1 })).toBe("逾期 1 天");
    expect(t("en", "pull.done", { inquiries: 1, buyers: 0, replies: 1, skipped: 2 })).toBe(
      "Mail pulled: 1 new inquiry, 0 new buyers, 1 reply matched, 2 skipped.",
    );
    expect(t("en", "sb.log.answeredIn", { id: "I-000001", hours: 1 })).toBe(
      "Inquiry I-000001 answered in 1 working hour.",
    );
    expect(t("en", "sb.everyDays", { days: 3 })).toBe("follow up every 3 days");
  });

  it("units in each language: 13 d 14 h / 13 天 14 小时", () => {
    expect(t("en", "sb.unit.dh", { d: 13, h: 14 })).toBe("13 d 14 h");
    expect(t("zh-CN", "sb.unit.dh", { d: 13, h: 14 })).toBe("13 天 14 小时");
    expect(t("zh-CN", "sb.unit.hm", { h: 1, m: 5 })).toBe("1 小时 5 分钟");
  });

  it("the message format: exact forms, a parameter inside a form, a missing parameter left visible", () => {
    const msg = "{n, plural, =0 {none} one {# item for {who}} other {# items for {who}}}";
    expect(formatMessage("en", msg, { n: 0, who: "Erik" })).toBe("none");
    expect(formatMessage("en", msg, { n: 1, who: "Erik" })).toBe("1 item for Erik");
    expect(formatMessage("en", msg, { n: 5, who: "Erik" })).toBe("5 items for Erik");
    expect(formatMessage("en", "{a} and {b}", { a: 1 })).toBe("1 and {b}");
    expect(formatMessage("ar", "{n, plural, one {one} two {two} few {few} other {other}}", { n: 2 })).toBe("two");
  });
});

describe("every stored value shown has its name in both languages", () => {
  it("channels, sources: a catalogue entry each, Chinese in the Chinese catalogue", () => {
    const keys = [
      ...[...CHANNELS, ...FOLLOW_UP_CHANNELS].map((c) => `sb.channel.${c}`),
      ...SOURCES.map((s) => `sb.source.${s}`),
    ];
    for (const key of keys) {
      expect(en, key).toHaveProperty([key]);
      expect((zhCN as Record<string, string>)[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("validation errors name the field in the person's language", () => {
  it("never the validator's English", () => {
    const issues = [
      { code: "invalid_format", format: "email", path: ["email"] },
      { code: "too_small", origin: "string", minimum: 1, path: ["summary"] },
    ];
    const payload = { email: "lina@", summary: "" };
    const zh = refusalText("zh-CN", issues as never, payload);
    expect(zh).toMatch(/邮箱/);
    expect(zh).not.toMatch(/[A-Za-z]{4,}/);
    const en = refusalText("en", issues as never, payload);
    expect(en).toMatch(/E-mail/);
    expect(en).not.toMatch(/Invalid input|invalid_format|too_small/);
  });

  it("through the RPC: an empty follow-up from a Chinese-speaking salesperson", () => {
    const w = makeWorld({ staff: [staffRow({ email: ALICE, role: "salesperson", name: "Alice", language: "zh-CN" })] });
    const r = w.call(ALICE, "logFollowUp", { buyerId: "B-000001", channel: "phone", summary: "   " });
    expect(r).toEqual({ ok: false, code: "invalid", error: "跟进内容不能为空。" });
    const bad = w.call(ALICE, "logFollowUp", { buyerId: "B-000001", channel: "carrier pigeon", summary: "x" });
    expect(bad).toMatchObject({ error: "渠道只能是：邮件、电话、传真、邮寄、拜访、展会、平台消息。" });
  });
});
