import { beforeEach, describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import { createCampaign, previewCampaign, queueCampaign } from "../../../src/features/outreach/campaign";
import { sendQueuedCampaigns } from "../../../src/features/outreach/campaign-send";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { loadTable } from "../../../src/store/load-table";
import {
  type Buyer,
  Buyers,
  Inquiries,
  type Inquiry,
  Outbox,
  type Quote,
  Quotes,
  Settings,
  Staff,
} from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { as, installGas, type TestWorld } from "../../support/gas";

const BOSS = "boss@acme-tools.cn";
const LI = "li@acme-tools.cn";
const TOM = "tom@acme-tools.cn";
const FRED = "fred@acme-tools.cn";
const T0 = new Date("2026-11-23T02:00:00Z");
const DAY = 86_400_000;

function rows<S extends typeof Buyers | typeof Inquiries | typeof Quotes>(w: TestWorld, spec: S, records: object[]) {
  const writer = new TableWriter(loadTable(w.book, spec, "UTC"));
  for (const r of records) writer.append({ ...emptyRecord(spec), ...r } as never);
  writer.commit();
}

function setSettings(w: TestWorld, values: Record<string, string>): void {
  const sheet = w.book.getSheetByName(Settings.name)!;
  const keys = sheet
    .getDataRange()
    .getValues()
    .map((r) => r[0]);
  for (const [key, value] of Object.entries(values)) sheet.getRange(keys.indexOf(key) + 1, 2).setValue(value);
}

function buyer(id: number, over: Partial<Buyer>): Partial<Buyer> {
  return {
    id: `B-${String(id).padStart(6, "0")}`,
    status: "active",
    owner: LI,
    products: "LED panel",
    created: new Date("2026-01-01T00:00:00Z"),
    ...over,
  };
}

function world(): TestWorld {
  const w = installGas({ owner: BOSS, now: T0.toISOString() });
  setupWorkbook(w.book, BOSS, "en", T0);
  w.book.addEditors([LI, TOM, FRED]);
  const staff = new TableWriter(loadTable(w.book, Staff, "UTC"));
  staff.update(BOSS, { name: "Chen Jianguo" });
  for (const [email, name, status] of [
    [LI, "Li Wei", "active"],
    [TOM, "Tom Wang", "active"],
    [FRED, "Fred Left", "frozen"],
  ] as const)
    staff.append({ ...emptyRecord(Staff), email, name, role: "salesperson", status, language: "en" });
  staff.commit();
  setSettings(w, { "company.name": "Acme Tools" });
  return w;
}

function campaign(w: TestWorld, over: Record<string, string> = {}) {
  return createCampaign(
    w.book,
    BOSS,
    {
      name: "LED news",
      kind: "news",
      segment: { products: ["LED"] },
      language: "en",
      text: "Our new LED panels.",
      ...over,
    },
    T0,
  );
}

function outbox(w: TestWorld) {
  return loadTable(w.book, Outbox, "UTC").rows.map((r) => r.record);
}

function send(w: TestWorld, user: string, now = T0) {
  return as(w.env, user, () => sendQueuedCampaigns({ book: w.book, user, now, budget: new Budget(), slotKey: "t" }));
}

function inbox(w: TestWorld, address: string) {
  return [...w.env.mail.mailbox(address).messages.values()].filter((m) => m.labels.has("INBOX")).map((m) => m.content);
}

describe("campaign audience: who gets a copy, from whom, greeted how (R7, R11, R23, R24, R29)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = world();
  });

  it("R24: one copy per person: other addresses, case, +tags and Gmail dots resolve to the first buyer", () => {
    rows(w, Buyers, [
      buyer(1, { name: "Ahmed Saleh", email: "ahmed@gulfhw.ae", otherEmails: "ahmed.saleh@gmail.com" }),
      buyer(2, { name: "Ahmed", email: "AhmedSaleh@gmail.com" }), // Gmail ignores the dot: ahmed.saleh@
      buyer(3, { name: "Ahmed S.", email: "Ahmed+offers@GulfHW.ae" }),
      buyer(4, { name: "Maria Lopez", email: "maria@ferreteria.mx" }),
    ]);
    const c = campaign(w);
    const preview = previewCampaign(w.book, c.id, T0);
    expect(preview.count).toBe(2);
    expect(preview.excluded).toEqual({ duplicate: 2 });
    queueCampaign(w.book, c.id, T0);
    expect(outbox(w).map((r) => r.buyerId)).toEqual(["B-000001", "B-000004"]);
    send(w, LI);
    expect(inbox(w, "ahmed@gulfhw.ae")).toHaveLength(1);
    expect(inbox(w, "ahmedsaleh@gmail.com")).toHaveLength(0);
  });

  it("R7, R23: never to a buyer waiting for our answer, nor one quoted within campaign.quietDays", () => {
    rows(w, Buyers, [
      buyer(1, { name: "Waiting", email: "wait@a.com" }),
      buyer(2, { name: "Answered", email: "done@b.com" }),
      buyer(3, { name: "Quoted", email: "quoted@c.com" }),
      buyer(4, { name: "Quoted Long Ago", email: "old@d.com" }),
      buyer(5, { name: "Accepted", email: "won@e.com" }),
      buyer(6, { name: "Writes From Elsewhere", email: "boss@f.com", otherEmails: "buyer@f-mail.com" }),
    ]);
    const inquiry = (id: number, over: Partial<Inquiry>): Partial<Inquiry> => ({
      id: `I-${String(id).padStart(6, "0")}`,
      receivedAt: new Date(T0.getTime() - 40 * DAY),
      channel: "email",
      ...over,
    });
    rows(w, Inquiries, [
      // Forty days old and never answered: a newsletter is no answer.
      inquiry(1, { buyerId: "B-000001", fromEmail: "wait@a.com", status: "new" }),
      inquiry(2, { buyerId: "B-000002", fromEmail: "done@b.com", status: "replied", repliedAt: T0 }),
      // Not yet filed to a buyer: the sender's address is the buyer's other address.
      inquiry(3, { buyerId: "", fromEmail: "Buyer@F-Mail.com", status: "new" }),
    ]);
    const quote = (id: number, buyerId: string, daysAgo: number, status: Quote["status"]): Partial<Quote> => ({
      id: `Q-2026-${String(id).padStart(4, "0")}`,
      buyerId,
      date: new Date(T0.getTime() - daysAgo * DAY),
      status,
    });
    rows(w, Quotes, [
      quote(1, "B-000003", 5, "sent"),
      quote(2, "B-000004", 20, "sent"),
      quote(3, "B-000005", 2, "accepted"),
    ]);
    const c = campaign(w);
    expect(previewCampaign(w.book, c.id, T0).excluded).toEqual({ "unanswered-inquiry": 2, "open-quote": 1 });
    queueCampaign(w.book, c.id, T0);
    expect(outbox(w).map((r) => r.email)).toEqual(["done@b.com", "old@d.com", "won@e.com"]);
    // Settings campaign.quietDays: 30 days keeps the older quote's buyer out too.
    setSettings(w, { "campaign.quietDays": "30" });
    expect(previewCampaign(w.book, campaign(w).id, T0).excluded).toEqual({ "unanswered-inquiry": 2, "open-quote": 2 });
  });

  it("R23: a buyer who writes an inquiry after the campaign was queued is skipped at send time", () => {
    rows(w, Buyers, [buyer(1, { name: "Ann", email: "ann@shop.de" }), buyer(2, { name: "Bo", email: "bo@shop.se" })]);
    queueCampaign(w.book, campaign(w).id, T0);
    rows(w, Inquiries, [
      { id: "I-000001", buyerId: "B-000002", fromEmail: "bo@shop.se", status: "new", receivedAt: T0, channel: "email" },
    ]);
    expect(send(w, LI)).toMatchObject({ sent: 1, skipped: 1 });
    expect(outbox(w).find((r) => r.buyerId === "B-000002")).toMatchObject({
      status: "skipped",
      detail: "waiting for our answer to an inquiry",
    });
    expect(inbox(w, "bo@shop.se")).toHaveLength(0);
  });

  it("R29: each copy is sent from and signed by the buyer's owner; a frozen owner's buyers go to the named sender", () => {
    rows(w, Buyers, [
      buyer(1, { name: "Ann Berg", email: "ann@shop.de", owner: LI }),
      buyer(2, { name: "Bo Lund", email: "bo@shop.se", owner: TOM }),
      buyer(3, { name: "Cem Kaya", email: "cem@shop.tr", owner: FRED }),
    ]);
    setSettings(w, { "campaign.sender": BOSS });
    const c = campaign(w);
    expect(previewCampaign(w.book, c.id, T0).senders).toEqual({ [LI]: 1, [TOM]: 1, [BOSS]: 1 });
    queueCampaign(w.book, c.id, T0);
    expect(outbox(w).map((r) => [r.email, r.sender])).toEqual([
      ["ann@shop.de", LI],
      ["bo@shop.se", TOM],
      ["cem@shop.tr", BOSS],
    ]);
    // Each person's heartbeat sends their own rows only, signed with their own name.
    expect(send(w, LI)).toMatchObject({ sent: 1 });
    expect(send(w, TOM)).toMatchObject({ sent: 1 });
    expect(send(w, BOSS)).toMatchObject({ sent: 1 });
    const [ann] = inbox(w, "ann@shop.de");
    const [bo] = inbox(w, "bo@shop.se");
    const [cem] = inbox(w, "cem@shop.tr");
    expect(ann.from).toContain(LI);
    expect(ann.text).toMatch(/Best regards,\nLi Wei\nAcme Tools/);
    expect(bo.from).toContain(TOM);
    expect(bo.text).toMatch(/Best regards,\nTom Wang\nAcme Tools/);
    expect(cem.from).toContain(BOSS);
    expect(cem.text).toMatch(/Best regards,\nChen Jianguo\nAcme Tools/);
    expect(cem.text).not.toContain("Fred");
  });

  it("R29: with campaign.senderMode named, one person sends and signs every copy", () => {
    rows(w, Buyers, [buyer(1, { email: "ann@shop.de", owner: LI }), buyer(2, { email: "bo@shop.se", owner: TOM })]);
    setSettings(w, { "campaign.senderMode": "named", "campaign.sender": TOM });
    queueCampaign(w.book, campaign(w).id, T0);
    expect(outbox(w).map((r) => r.sender)).toEqual([TOM, TOM]);
    expect(send(w, LI)).toMatchObject({ sent: 0 });
    expect(send(w, TOM)).toMatchObject({ sent: 2 });
    for (const a of ["ann@shop.de", "bo@shop.se"]) expect(inbox(w, a)[0].text).toMatch(/\nTom Wang\nAcme Tools/);
  });

  it("R24: greetings use a person's name only: never a fax gateway, a placeholder or a mailbox; gateways get no mail", () => {
    rows(w, Buyers, [
      buyer(1, { name: "eFax Corporate", email: "orders@desert-trading.ae" }),
      buyer(2, { name: "Customer", email: "purchase@lagos-tools.ng" }),
      buyer(3, { name: "info", email: "info@quito-ferre.ec" }),
      buyer(4, { name: "Ahmed Saleh via eFax", email: "ahmed@gulfhw.ae" }),
      buyer(5, { name: "Fax 2025551234", email: "2025551234@efaxsend.com" }),
      buyer(6, { name: "客户", email: "li@shop.cn", country: "China" }),
    ]);
    const c = campaign(w, { language: "auto" });
    const preview = previewCampaign(w.book, c.id, T0, 10);
    expect(preview.excluded).toEqual({ "fax-gateway": 1 });
    const greeting = (email: string) => preview.messages.find((m) => m.email === email)!.body.split("\n")[0];
    expect(greeting("orders@desert-trading.ae")).toBe("Dear Sir or Madam,");
    expect(greeting("purchase@lagos-tools.ng")).toBe("Dear Sir or Madam,");
    expect(greeting("info@quito-ferre.ec")).toBe("Dear Sir or Madam,");
    expect(greeting("ahmed@gulfhw.ae")).toBe("Dear Ahmed Saleh,");
    expect(greeting("li@shop.cn")).toBe("您好：");
  });

  it("R12: what a buyer asked about is named by name in the mail, never by catalogue code", () => {
    rows(w, Buyers, [
      buyer(1, { name: "Ann", email: "ann@shop.de", products: "P-0004 LED panel 600; P-0005 LED tube" }),
    ]);
    const c = campaign(w, { kind: "products", catalogueLink: "https://acme.test/cat" });
    const [m] = previewCampaign(w.book, c.id, T0, 1, "en").messages;
    expect(m.body).toContain("You asked us about LED panel 600, LED tube before.");
    expect(m.body).not.toMatch(/P-\d{4}/);
  });

  it("R12, R25: a Drive link buyers could not open stops the queueing, naming the file; shared for viewing it goes", () => {
    rows(w, Buyers, [buyer(1, { name: "Ann", email: "ann@shop.de" })]);
    const file = as(w.env, BOSS, () =>
      DriveApp.createFile(Utilities.newBlob([1, 2, 3], "image/jpeg", "LED-panel-600.jpg")),
    );
    const c = campaign(w, { text: `See the new panel: ${file.getUrl()}` });
    const expected = `“LED-panel-600.jpg” (${file.getUrl()}) is not shared with anyone who has the link: buyers could not open it. Share it for viewing, then queue again.`;
    expect(previewCampaign(w.book, c.id, T0, 3, "en").linkProblems).toEqual([expected]);
    expect(() => queueCampaign(w.book, c.id, T0, "en")).toThrow(expected);
    expect(() => queueCampaign(w.book, c.id, T0, "zh-CN")).toThrow(
      `“LED-panel-600.jpg”（${file.getUrl()}）没有设置为“知道链接的任何人可查看”：客户打不开。请设置为可查看后再排队发送。`,
    );
    expect(w.book.getSheetByName(Outbox.name)).toBeNull();
    file.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.EDIT);
    expect(() => queueCampaign(w.book, c.id, T0, "en")).toThrow(/can be edited by anyone with the link/);
    file.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.VIEW);
    expect(queueCampaign(w.book, c.id, T0, "en").queued).toBe(1);
    // A link to a file nobody here can open is refused as well.
    const gone = campaign(w, { catalogueLink: "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUv/view" });
    expect(() => queueCampaign(w.book, gone.id, T0, "en")).toThrow(
      /cannot be opened \(deleted, or not shared with you\)/,
    );
  });

  it("R23: another row of an unsubscribed person gets no copy either", () => {
    rows(w, Buyers, [
      buyer(1, { name: "Quit", email: "quit@b.com", status: "unsubscribed", otherEmails: "q.private@b-mail.com" }),
      buyer(2, { name: "Quit Again", email: "Q.Private@b-mail.com" }),
    ]);
    const preview = previewCampaign(w.book, campaign(w).id, T0);
    expect(preview.count).toBe(0);
    expect(preview.suppressed).toEqual({ unsubscribed: 2 });
  });
});
