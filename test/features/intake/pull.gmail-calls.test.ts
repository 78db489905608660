import { describe, expect, it } from "vitest";
import { ANN, type IntakeWorld, intakeWorld, MONDAY_0900 } from "../../support/world";

/**
 * The pull's Gmail budget (C2): every thread is read in ONE Gmail request (its messages, headers, labels and
 * bodies; many threads' requests sent at once in one UrlFetchApp.fetchAll), Sent comes from the labels, and the searches, the label lookup and the labelling
 * are shared by all threads — at most 3 Gmail calls a thread on a pull of several threads, none through GmailApp.
 */
const MINUTE = 60_000;
/** How the meter names one Gmail REST threads.get sent in a fetchAll. */
const THREAD_READ = "UrlFetchApp.fetchAll gmail.users.threads.get";

const BUYERS = [
  {
    from: "王小明 <wang@jiangsu-trade.cn>",
    subject: "询价：LED 面板灯 600x600",
    text: "您好，请报价 800 个，FOB 宁波。",
  },
  {
    from: "Carlos Ruiz <compras@iluminacion-sur.es>",
    subject: "Solicitud de cotización",
    text: "Buenos días, necesitamos 250 paneles.",
  },
  { from: "Ivan Petrov <ivan@stroy-opt.ru>", subject: "Запрос цены", text: "Добрый день! Нужна цена на 300 панелей." },
  {
    from: "شركة النور <sales@alnoor-trading.ae>",
    subject: "طلب عرض سعر",
    html: "<div>نرجو إرسال عرض سعر لـ 200 لوحة</div>",
  },
  { from: "Nguyễn Văn An <an@viet-light.vn>", subject: "Yêu cầu báo giá", text: "Xin chào, vui lòng báo giá 500 đèn." },
  { from: "김민수 <minsu@hanbit-led.kr>", subject: "견적 요청", text: "안녕하세요, 패널 400개 견적 부탁드립니다." },
];

function deliverBuyers(w: IntakeWorld, at: number): void {
  for (const [i, b] of BUYERS.entries()) {
    w.env.mail.deliverStructured({
      ...b,
      to: ANN,
      messageId: `<rfq${i}@buyers.example>`,
      date: new Date(at - (i + 1) * MINUTE),
      attachments: i === 0 ? [{ name: "规格书.pdf", contentType: "application/pdf", bytes: "%PDF-1.4" }] : undefined,
    });
  }
}

/** GmailApp, GmailThread, GmailMessage and GmailLabel calls: the pull makes none. */
function gmailAppCalls(w: IntakeWorld): number {
  return Object.entries(w.env.ctx.meter.byMethodSummary())
    .filter(([method]) => /^Gmail(App|Thread|Message|Label)\./.test(method))
    .reduce((n, [, calls]) => n + calls, 0);
}

describe("the pull's Gmail calls (C2)", () => {
  it("C2: a first pull of six threads in six languages: at most 3 Gmail calls a thread, one fetch each, none through GmailApp", () => {
    const w = intakeWorld();
    deliverBuyers(w, MONDAY_0900.getTime());
    w.env.ctx.meter.reset();
    const result = w.pull(ANN);
    expect(result.newInquiries).toBe(BUYERS.length);
    const meter = w.env.ctx.meter;
    expect(meter.methodCalls(THREAD_READ)).toBe(BUYERS.length);
    expect(meter.methodCalls("Gmail.Users.Threads.get")).toBe(0);
    // Six requests run together: one round of parallel reads, not six round trips.
    expect(meter.callsOf("UrlFetch.round")).toBe(1);
    expect(meter.callsOf("Gmail")).toBeLessThanOrEqual(3 * BUYERS.length);
    expect(gmailAppCalls(w)).toBe(0);
    const subjects = w.records("Inquiries").map((r) => r.subject);
    expect(subjects).toEqual(expect.arrayContaining(["询价：LED 面板灯 600x600", "طلب عرض سعر", "견적 요청"]));
  });

  it("C2, R7: the steady state — new inquiries, a buyer's follow-up and our reply since the last pull: at most 3 Gmail calls a thread", () => {
    const w = intakeWorld();
    deliverBuyers(w, MONDAY_0900.getTime());
    w.pull(ANN);
    w.env.ctx.clock.set("2026-11-23T03:00:00Z");
    const at = w.env.ctx.clock.nowMs();
    // Our answer to the Spanish buyer (Sent, no label yet) and the Russian buyer's follow-up.
    w.env.mail.deliverStructured({
      from: ANN,
      to: "compras@iluminacion-sur.es",
      subject: "Re: Solicitud de cotización",
      text: "Estimado Carlos, nuestro precio es USD 9,20 por panel.",
      inReplyTo: "<rfq1@buyers.example>",
      references: "<rfq1@buyers.example>",
      date: new Date(at - 30 * MINUTE),
    });
    w.env.mail.deliverStructured({
      from: "Ivan Petrov <ivan@stroy-opt.ru>",
      to: ANN,
      subject: "Re: Запрос цены",
      text: "Есть новости? Можем взять 500 штук.",
      inReplyTo: "<rfq2@buyers.example>",
      references: "<rfq2@buyers.example>",
      date: new Date(at - 20 * MINUTE),
    });
    for (let i = 0; i < 3; i += 1) {
      w.env.mail.deliverStructured({
        from: `Buyer ${i} <purchasing@firm${i}.com.br>`,
        to: ANN,
        subject: `Cotação ${i}: painéis LED`,
        text: "Bom dia, por favor enviem o preço de 100 painéis.",
        date: new Date(at - (i + 1) * MINUTE),
      });
    }
    w.env.ctx.clock.set("2026-11-23T03:30:00Z");
    w.env.ctx.meter.reset();
    const later = w.pull(ANN);
    expect(later.newInquiries).toBe(3);
    expect(later.repliesMatched).toBe(1);
    expect(later.chases).toBe(1);
    const meter = w.env.ctx.meter;
    const fetched = meter.methodCalls(THREAD_READ);
    expect(fetched).toBe(5); // 3 new threads, the follow-up's, our reply's: the 3 quiet threads are not fetched
    expect(meter.callsOf("Gmail")).toBeLessThanOrEqual(3 * fetched);
    expect(gmailAppCalls(w)).toBe(0);

    // Nothing new: the searches only.
    w.env.ctx.clock.set("2026-11-23T04:30:00Z");
    meter.reset();
    w.pull(ANN);
    expect(meter.methodCalls(THREAD_READ)).toBe(0);
    expect(meter.callsOf("UrlFetch.round")).toBe(0);
    expect(meter.callsOf("Gmail")).toBeLessThanOrEqual(3);
  });
});
