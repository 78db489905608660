import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ANN, type IntakeWorld, intakeWorld, MONDAY_0900 } from "../../support/world";

/**
 * The pull reads its threads with Gmail REST threads.get requests sent together (UrlFetchApp.fetchAll). A request
 * can fail on its own: a thread deleted since it was listed answers 404 and is skipped, the others imported; a
 * rate limit (429) or a Gmail server error (5xx) stops the pull before it writes anything, so every mail is read
 * again next run and imported exactly once (C2).
 */
const LABEL = "Buyerbook/Imported";
const MINUTE = 60_000;

const MAILS = [
  {
    from: "王小明 <wang@jiangsu-trade.cn>",
    subject: "询价：LED 面板灯 600x600",
    text: "您好，\n请报价 800 个 LED 面板灯，FOB 宁波，含包装。\n谢谢！\n王小明\n江苏贸易有限公司 采购部",
    messageId: "<cn-1@jiangsu-trade.cn>",
  },
  {
    from: "شركة النور <sales@alnoor-trading.ae>",
    subject: "طلب عرض سعر",
    text: "السلام عليكم،\nنرجو إرسال عرض سعر لـ 200 لوحة LED مع الشحن إلى دبي.\nمع التحية،\nقسم المشتريات",
    messageId: "<ae-1@alnoor-trading.ae>",
  },
  {
    from: "Иван Петров <ivan@stroy-opt.ru>",
    subject: "Запрос цены: светодиодные панели",
    text: "Добрый день!\nПросим выслать цену на 300 шт. панелей 600x600, доставка до Москвы.\nС уважением, Иван Петров\nООО «СтройОпт»",
    messageId: "<ru-1@stroy-opt.ru>",
  },
];

function world(): IntakeWorld {
  const w = intakeWorld();
  for (const [i, m] of MAILS.entries()) {
    w.env.mail.deliverStructured({ ...m, to: ANN, date: new Date(MONDAY_0900.getTime() - (i + 1) * MINUTE) });
  }
  return w;
}

/** The id of the thread in Ann's mailbox that holds the message with this Message-ID. */
function threadOf(w: IntakeWorld, messageId: string): string {
  const box = w.env.mail.mailbox(ANN);
  for (const t of box.threads.values()) if (t.messages.some((m) => m.content.messageId === messageId)) return t.id;
  throw new Error(`no thread holds ${messageId}`);
}

function labelledThreads(w: IntakeWorld): number {
  return w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(ANN, () => GmailApp.getUserLabelByName(LABEL)?.getThreads(0, 500).length ?? 0),
  );
}

function importedIds(w: IntakeWorld): string[] {
  return w
    .records("Inquiries")
    .map((r) => String(r.rfcMessageId))
    .sort();
}

describe("pull: one thread's read fails on its own (C2)", () => {
  it("C2: a thread deleted between the search and the read (404) is skipped; the Chinese and Russian inquiries are imported", () => {
    const w = world();
    const arabic = threadOf(w, "<ae-1@alnoor-trading.ae>");
    const box = w.env.mail.mailbox(ANN);
    // The person deletes the Arabic thread just after the pull listed it (right before the reads go out).
    for (let n = 1; n <= 200; n += 1) {
      w.env.ctx.meter.beforeCall(n, (call) => {
        if (call.method !== "ScriptApp.getOAuthToken" || !box.threads.has(arabic)) return;
        for (const m of [...(box.threads.get(arabic)?.messages ?? [])]) box.remove(m);
      });
    }
    const result = w.pull(ANN);
    expect(box.threads.has(arabic)).toBe(false);
    expect(result.partial).toBe(false);
    expect(result.newInquiries).toBe(2);
    expect(importedIds(w)).toEqual(["cn-1@jiangsu-trade.cn", "ru-1@stroy-opt.ru"]);
    expect(w.records("Inquiries").map((r) => r.subject)).toEqual(
      expect.arrayContaining(["询价：LED 面板灯 600x600", "Запрос цены: светодиодные панели"]),
    );
    expect(labelledThreads(w)).toBe(2);
  });

  for (const [status, what] of [
    [429, "a rate limit"],
    [500, "a Gmail server error"],
    [503, "Gmail unavailable"],
  ] as const) {
    it(`C2: ${what} (${status}) on one thread's read: nothing written, nothing labelled; the next run imports all three once`, () => {
      const w = world();
      w.env.UrlFetchApp.failRequests(threadOf(w, "<ru-1@stroy-opt.ru>"), status);
      expect(() => w.pull(ANN)).toThrow(new RegExp(`Gmail answered ${status}`));
      expect(w.records("Inquiries")).toHaveLength(0);
      const senders = ["wang@jiangsu-trade.cn", "sales@alnoor-trading.ae", "ivan@stroy-opt.ru"];
      expect(w.records("Buyers").filter((b) => senders.includes(String(b.email)))).toHaveLength(0);
      expect(labelledThreads(w)).toBe(0);

      w.env.ctx.clock.advance(5 * MINUTE);
      const next = w.pull(ANN);
      expect(next.newInquiries).toBe(3);
      expect(importedIds(w)).toEqual(["ae-1@alnoor-trading.ae", "cn-1@jiangsu-trade.cn", "ru-1@stroy-opt.ru"]);
      expect(labelledThreads(w)).toBe(3);
    });
  }

  for (const manifest of ["appsscript/appsscript.json", "appsscript/addon.appsscript.json"]) {
    it(`C2: under the explicit scopes of ${manifest} the pull reads its threads; without script.external_request it stops before writing`, () => {
      const scopes = (JSON.parse(readFileSync(manifest, "utf8")) as { oauthScopes: string[] }).oauthScopes;
      const w = world();
      w.env.ctx.scopes = new Set(scopes.filter((s) => !s.endsWith("/script.external_request")));
      expect(() => w.pull(ANN)).toThrow(
        "You do not have permission to call UrlFetchApp.fetchAll. Required permissions: https://www.googleapis.com/auth/script.external_request",
      );
      expect(w.records("Inquiries")).toHaveLength(0);
      w.env.ctx.scopes = new Set(scopes);
      expect(w.pull(ANN).newInquiries).toBe(3);
    });
  }
});
