/**
 * R29 as the receiving salesperson lives it: the handover mail in their inbox, read top to bottom, and the
 * introductions drafted in their own Gmail, one per buyer in the buyer's language.
 */
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { draftHandoverIntros } from "../../../src/features/staff/handover-intros";
import { offboardStaff } from "../../../src/features/staff/offboard";
import { HANDLERS } from "../../../src/rpc/handlers";
import { dispatch } from "../../../src/rpc/server";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, Inquiries, Quotes, Samples, Settings, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { golden } from "../../fixtures/pricing/golden";
import { COMPANY } from "../../fixtures/pricing/world";
import { as, installGas, type TestWorld } from "../../support/gas";

const GOLDEN = path.join(__dirname, "../../fixtures/handover-job");
const NOW = new Date("2026-11-23T02:00:00Z");
const BOSS = "boss@hengda-hardware.cn";
const AMY = "amy@hengda-hardware.cn";
const LINA = "lina@hengda-hardware.cn";
const TOM = "tom@hengda-hardware.cn";
const KEVIN = "kevin@hengda-hardware.cn";
const day = (iso: string) => new Date(`${iso}T02:00:00Z`);

function append(
  w: TestWorld,
  spec: typeof Buyers | typeof Inquiries | typeof Quotes | typeof Samples | typeof Staff,
  rows: object[],
) {
  const writer = new TableWriter(loadTable(w.book, spec, "UTC"));
  for (const r of rows) writer.append({ ...emptyRecord(spec), ...r } as never);
  writer.commit();
}

function world(settings: Record<string, string> = {}): TestWorld {
  const w = installGas({ owner: BOSS, now: NOW.toISOString() });
  setupWorkbook(w.book, BOSS, "en", NOW);
  w.book.addEditors([AMY, LINA, TOM, KEVIN]);
  const sheet = w.book.getSheetByName(Settings.name)!;
  const keys = sheet
    .getDataRange()
    .getValues()
    .map((r) => r[0]);
  for (const [key, value] of Object.entries({
    "company.name": COMPANY.name,
    "company.website": COMPANY.website,
    "company.phone": COMPANY.phone,
    ...settings,
  }))
    sheet.getRange(keys.indexOf(key) + 1, 2).setValue(value);
  const staff = (email: string, name: string, role: string, language = "en") => ({
    email,
    name,
    role,
    language,
    status: "active",
    regions: "",
  });
  append(w, Staff, [
    staff(AMY, "Amy Zhou", "assistant"),
    staff(LINA, "Li Na", "salesperson"),
    staff(TOM, "Tom Wang", "salesperson"),
    staff(KEVIN, "Kevin Zhang", "salesperson", "zh-CN"),
  ]);
  const buyer = (id: string, over: object) => ({
    id,
    status: "active",
    owner: LINA,
    created: day("2026-09-01"),
    ...over,
  });
  append(w, Buyers, [
    buyer("B-000001", {
      name: "Ahmed Saleh",
      company: "Gulf Hardware LLC",
      email: "ahmed@gulfhardware.ae",
      country: "United Arab Emirates",
      grade: "A",
      nextFollowUp: day("2026-11-25"),
    }),
    buyer("B-000002", {
      name: "Carlos Pérez",
      company: "Ferretería Andina S.A.C.",
      email: "cperez@ferreteria-andina.pe",
      country: "Peru",
      grade: "B",
    }),
    buyer("B-000003", { name: "", company: "", email: "orders@kenya-build.co.ke", country: "Kenya" }),
    buyer("B-000004", {
      name: "eFax Corporate",
      company: "Desert Trading Est.",
      email: "dt@desert-trading.sa",
      country: "Saudi Arabia",
      grade: "C",
    }),
    buyer("B-000005", {
      name: "Claire Durand",
      company: "Quincaillerie Durand SARL",
      email: "c.durand@quincaillerie-durand.fr",
      country: "France",
      grade: "B",
    }),
    buyer("B-000006", { name: "Not Hers", company: "Tom's Own Ltd", email: "own@toms.example", owner: TOM }),
  ]);
  const inquiry = (id: string, buyerId: string, over: object) => ({
    id,
    buyerId,
    channel: "email",
    owner: LINA,
    ...over,
  });
  append(w, Inquiries, [
    inquiry("I-000001", "B-000001", {
      subject: "HG-100 hinges, 5,000 pcs CIF Jebel Ali",
      receivedAt: day("2026-11-21"),
      status: "new",
      language: "en",
    }),
    inquiry("I-000002", "B-000002", {
      subject: "Cotización bisagras",
      receivedAt: day("2026-10-30"),
      status: "replied",
      language: "es",
    }),
    inquiry("I-000003", "B-000005", {
      subject: "Demande de prix",
      receivedAt: day("2026-10-01"),
      status: "replied",
      language: "fr",
    }),
  ]);
  append(w, Quotes, [
    {
      id: "Q-2026-0040",
      date: day("2026-11-10"),
      buyerId: "B-000002",
      by: LINA,
      currency: "USD",
      total: "12722.37",
      status: "sent",
      validUntil: day("2026-12-10"),
    },
    // Saved by Li Na, never sent: its Gmail draft is in her mailbox.
    {
      id: "Q-2026-0044",
      date: day("2026-11-20"),
      buyerId: "B-000001",
      by: LINA,
      currency: "USD",
      total: "9979.85",
      status: "draft",
      validUntil: day("2026-12-20"),
      draftId: "r-123",
    },
  ]);
  append(w, Samples, [
    // A sample reply drafted, nothing shipped: never "on the way".
    {
      id: "S-000001",
      requestDate: day("2026-11-18"),
      buyerId: "B-000001",
      products: "HG-100",
      kind: "physical",
      freight: "collect",
    },
    {
      id: "S-000002",
      requestDate: day("2026-11-02"),
      buyerId: "B-000002",
      products: "DS-20",
      kind: "physical",
      freight: "buyer-pays",
      sent: day("2026-11-15"),
      courier: "DHL",
      tracking: "1234567890",
    },
    {
      id: "S-000003",
      requestDate: day("2026-10-01"),
      buyerId: "B-000005",
      products: "CH-128",
      kind: "physical",
      sent: day("2026-10-03"),
      courier: "UPS",
      delivered: day("2026-10-08"),
    },
  ]);
  return w;
}

function offboard(w: TestWorld, to: string) {
  return as(w.env, BOSS, () => offboardStaff(w.book, { email: LINA, to }, { email: BOSS, role: "boss" }, NOW));
}

function handoverMailOf(w: TestWorld, receiver: string) {
  const box = w.env.mail.mailbox(receiver);
  const mails = [...box.messages.values()].filter(
    (m) => m.labels.has("INBOX") && m.content.subject.includes("handover"),
  );
  expect(mails).toHaveLength(1);
  return mails[0].content;
}

describe("the handover, as the receiving salesperson reads it (R29)", () => {
  let w: TestWorld;
  beforeEach(() => {
    w = world();
  });

  it("R29: the mail names each buyer and company, lists their open work by state, the leaver's unsent drafts and where their mail goes", () => {
    const report = offboard(w, TOM);
    expect(report.forwardMailTo).toBe(TOM);
    const mail = handoverMailOf(w, TOM);
    expect(mail.subject).toBe(`Buyerbook handover ${LINA}: 5 buyers are now yours`);
    const body = mail.text;
    // Read as Tom reads it: people and companies, never a sheet ID or a question mark for a missing name.
    expect(body).not.toMatch(/\bB-\d{6}\b|\bS-\d{6}\b/);
    expect(body).not.toMatch(/(^|\s)\?(\s|$)/m);
    expect(body).toContain("- Ahmed Saleh, Gulf Hardware LLC (United Arab Emirates), grade A, follow up by 2026-11-25");
    expect(body).toContain("- orders@kenya-build.co.ke (Kenya)");
    expect(body).toContain("- Desert Trading Est. (Saudi Arabia), grade C"); // a fax gateway is nobody's name
    expect(body).not.toContain("Tom's Own Ltd");
    // The sample reply never sent is not "on the way"; the parcel with a tracking number is.
    const section = (title: string) => body.slice(body.indexOf(title)).split("\n\n")[0];
    expect(section("Sample replies or parcels not sent yet:")).toContain(
      "Ahmed Saleh, Gulf Hardware LLC: HG-100, requested 2026-11-18",
    );
    expect(section("Samples on the way:")).toContain(
      "Carlos Pérez, Ferretería Andina S.A.C.: DS-20, requested 2026-11-02, sent 2026-11-15 (DHL), tracking 1234567890",
    );
    expect(section("Samples on the way:")).not.toContain("HG-100");
    expect(section("Open quotations:")).toContain(
      "Q-2026-0040 of 2026-11-10, USD 12722.37, sent to the buyer, valid until 2026-12-10",
    );
    // The leaver's draft, out of anyone's reach, and the mail handling Google allows.
    expect(section(`Drafts ${LINA} left unsent`)).toContain(
      "- Ahmed Saleh, Gulf Hardware LLC: quotation Q-2026-0044 of 2026-11-20, never sent",
    );
    expect(body).toContain("Buyerbook cannot open another person's mailbox");
    expect(body).toContain(`Email forwarding using recipient address map (${LINA} → ${TOM})`);
    expect(body).toBe(golden("receiver.en.txt", body, GOLDEN));
  });

  it("R29: a receiver who reads Chinese gets it in Chinese; Settings handover.forwardMailTo names the forward target", () => {
    w = world({ "handover.forwardMailTo": AMY });
    offboard(w, KEVIN);
    const body = handoverMailOf(w, KEVIN).text;
    expect(body.startsWith("Kevin Zhang，你好：")).toBe(true);
    expect(body).toContain(`（${LINA} → ${AMY}）`);
    expect(body).not.toMatch(/\bB-\d{6}\b/);
    expect(body).toBe(golden("receiver.zh-CN.txt", body, GOLDEN));
  });

  it("R29: with handover.forwardMailTo none the mail says nobody receives it", () => {
    w = world({ "handover.forwardMailTo": "none" });
    offboard(w, TOM);
    expect(handoverMailOf(w, TOM).text).toContain(
      `Nobody receives it (Settings handover.forwardMailTo is none), and Buyerbook cannot read ${LINA}'s mailbox.`,
    );
  });

  it("R29: the receiver's own run drafts one introduction per buyer, in the buyer's language, signed by them; once", () => {
    offboard(w, TOM);
    expect(w.env.mail.mailbox(TOM).drafts()).toHaveLength(0);
    const report = as(w.env, TOM, () => draftHandoverIntros(w.book, TOM, NOW, "en"));
    expect(report.problems).toEqual([]);
    expect(report.drafted.map((d) => [d.buyerId, d.language])).toEqual([
      ["B-000001", "en"],
      ["B-000002", "es"],
      ["B-000003", "en"],
      ["B-000004", "en"],
      ["B-000005", "fr"],
    ]);
    const drafts = w.env.mail
      .mailbox(TOM)
      .drafts()
      .map((d) => d.content);
    const to = (address: string) => drafts.find((d) => d.to.includes(address))!;
    expect(to("ahmed@gulfhardware.ae").text).toMatch(
      /^Dear Ahmed Saleh,\n\nYour previous contact, Li Na, has handed your account over to me\./,
    );
    expect(to("ahmed@gulfhardware.ae").text).toContain(`You can reach me directly at ${TOM}.`);
    expect(to("ahmed@gulfhardware.ae").text).toMatch(/Best regards,\nTom Wang\n/);
    expect(to("cperez@ferreteria-andina.pe").text.startsWith("Estimado/a Carlos Pérez:")).toBe(true);
    expect(to("dt@desert-trading.sa").text.startsWith("Dear Sir or Madam,")).toBe(true);
    expect(to("c.durand@quincaillerie-durand.fr").subject).toBe(`Votre nouvel interlocuteur chez ${COMPANY.name}`);
    for (const d of drafts) expect(d.text).not.toMatch(/\{[a-z.]+\}|\bB-\d{6}\b|(^|\s)\?(\s|$)/);
    // Li Na's mailbox is untouched, and a second run drafts nothing more.
    expect(w.env.mail.mailbox(LINA).drafts()).toHaveLength(0);
    expect(as(w.env, TOM, () => draftHandoverIntros(w.book, TOM, NOW, "en")).drafted).toEqual([]);
    expect(w.env.mail.mailbox(TOM).drafts()).toHaveLength(5);
    // Nobody else owes these introductions.
    expect(as(w.env, KEVIN, () => draftHandoverIntros(w.book, KEVIN, NOW, "en")).drafted).toEqual([]);
  });

  it("R29: through the RPC the receiver drafts their introductions now", () => {
    offboard(w, TOM);
    const r = as(w.env, TOM, () => dispatch(HANDLERS, "handoverIntros", "{}", w.book, TOM, NOW));
    expect(r).toMatchObject({ ok: true, data: { remaining: 0 } });
    expect(w.env.mail.mailbox(TOM).drafts()).toHaveLength(5);
  });
});
