import { describe, expect, it } from "vitest";
import { classifyContact, contactChanges, followUpEvent, lastContacts } from "../../src/domain/contact";
import {
  applyMessage,
  applyMessages,
  type ConversationRow,
  platformConversationFor,
} from "../../src/domain/conversation";

const H = 3_600_000;
const t0 = new Date("2024-06-03T08:00:00Z");
const at = (hours: number) => new Date(t0.getTime() + hours * H);
let next = 0;
const options = {
  // A 24-hour reply limit with a 2-hour target (R8), from the buyer message that starts the clock.
  due: (from: Date) => ({ targetAt: new Date(from.getTime() + 2 * H), limitAt: new Date(from.getTime() + 24 * H) }),
  newId: () => `I-${String(++next).padStart(6, "0")}`,
};
const buyer = (hours: number, threadId = "T1") => ({ at: at(hours), from: "buyer" as const, threadId, buyerId: "B-1" });
const us = (hours: number, threadId = "T1") => ({ at: at(hours), from: "us" as const, threadId });

describe("R7/R8: one conversation row per thread, with the reply clock", () => {
  it("R7: the buyer's first message opens a conversation awaiting our reply", () => {
    const d = applyMessage([], buyer(0), options);
    expect(d.action).toBe("new");
    if (d.action !== "new") return;
    expect(d.row).toMatchObject({ messages: 1, status: "awaiting", awaitingSince: at(0), limitAt: at(24), chases: 0 });
  });

  it("R8: a chase before any answer is an escalation and keeps the oldest unanswered time", () => {
    const { rows, decisions } = applyMessages([], [buyer(0), buyer(5), buyer(9)], options);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ messages: 3, chases: 2, escalated: true, awaitingSince: at(0), limitAt: at(24) });
    expect(rows[0].lastBuyerMessageAt).toEqual(at(9));
    expect(decisions[1].why).toContain("chase 1");
  });

  it("R8: our answer closes the wait and reports the response from the oldest unanswered message", () => {
    const { rows, decisions } = applyMessages([], [buyer(0), buyer(5), us(6)], options);
    expect(rows[0]).toMatchObject({ status: "answered", awaitingSince: undefined, firstRepliedAt: at(6), messages: 3 });
    const answer = decisions[2];
    expect(answer.action === "update" && answer.answered).toEqual({ since: at(0), at: at(6) });
  });

  it("R7: the buyer writing again after our answer is awaiting again, with a new due time", () => {
    const { rows } = applyMessages([], [buyer(0), us(1), buyer(30)], options);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "awaiting",
      awaitingSince: at(30),
      limitAt: at(54),
      chases: 0,
      messages: 3,
    });
    expect(rows[0].firstRepliedAt).toEqual(at(1));
  });

  it("our message with no conversation, or before the buyer's open message, answers nothing", () => {
    expect(applyMessage([], us(1), options).action).toBe("ignore");
    const open: ConversationRow = {
      id: "I-9",
      threadId: "T1",
      buyerId: "B-1",
      channel: "email",
      openedAt: at(10),
      messages: 1,
      awaitingSince: at(10),
      chases: 0,
      escalated: false,
      status: "awaiting",
    };
    const d = applyMessage([open], us(5), options);
    expect(d.action === "update" && d.answered).toBeFalsy();
    expect(d.action === "update" && d.row.status).toBe("awaiting");
  });

  it("a closed conversation is not reopened: the buyer's new message starts a new one", () => {
    const closed = { ...applyMessages([], [buyer(0), us(1)], options).rows[0], status: "closed" as const };
    const d = applyMessage([closed], buyer(100), options);
    expect(d.action).toBe("new");
  });

  it("bad input is ignored with a reason", () => {
    expect(applyMessage([], { at: new Date("x"), from: "buyer", threadId: "T" }, options)).toMatchObject({
      action: "ignore",
    });
    expect(applyMessage([], { at: at(0), from: "buyer", threadId: "" }, options)).toMatchObject({ action: "ignore" });
  });
});

describe("R23: contact is personal work with the buyer; a campaign is only the last campaign", () => {
  it.each([
    [{ kind: "our-mail", inConversation: true }, "personal"],
    [{ kind: "quote-sent" }, "personal"],
    [{ kind: "sample-sent" }, "personal"],
    [{ kind: "call" }, "personal"],
    [{ kind: "visit" }, "personal"],
    [{ kind: "meeting" }, "personal"],
    [{ kind: "campaign" }, "campaign"],
    [{ kind: "our-mail", bulk: true }, "campaign"],
    [{ kind: "buyer-mail" }, "none"],
    [{ kind: "grade" }, "none"],
  ] as const)("R23: %o is %s", (event, want) => {
    expect(classifyContact({ ...event, at: t0 }).class).toBe(want);
  });

  it("R20, R23: the buyer's row after an event: personal contact moves Last contact and the cadence, a campaign only Last campaign", () => {
    const cadence = { days: { A: 3, B: 7, C: 15, D: 30, ungraded: 15 }, timeZone: "Asia/Shanghai" };
    const buyer = { lastContact: null, lastCampaign: null, grade: "A" };
    const call = contactChanges(buyer, { kind: "call", at: new Date("2026-11-23T02:00:00Z") }, cadence);
    // A buyer: twice a week, from Monday 10:00 Shanghai the next follow-up is Thursday.
    expect(call).toEqual({
      lastContact: new Date("2026-11-23T02:00:00Z"),
      nextFollowUp: new Date("2026-11-25T16:00:00Z"),
      daysOverdue: 0,
    });
    expect(contactChanges(buyer, { kind: "campaign", at: at(1) }, cadence)).toEqual({ lastCampaign: at(1) });
    expect(contactChanges(buyer, { kind: "our-mail", bulk: true, at: at(1) }, cadence)).toEqual({
      lastCampaign: at(1),
    });
    expect(contactChanges(buyer, { kind: "buyer-mail", at: at(1) }, cadence)).toBeUndefined();
    // An older event never moves a later contact back.
    expect(contactChanges({ ...buyer, lastContact: at(10) }, { kind: "visit", at: at(5) }, cadence)).toBeUndefined();
  });

  it("R23: a newsletter after the last call does not move the last contact", () => {
    const last = lastContacts([
      { kind: "call", at: at(0) },
      { kind: "campaign", at: at(48) },
      { kind: "buyer-mail", at: at(72) },
    ]);
    expect(last).toEqual({ lastContact: at(0), lastCampaign: at(48) });
  });

  it("Follow-ups rows map to contact events by kind and channel", () => {
    expect(followUpEvent({ kind: "follow-up", channel: "phone", at: t0 }).kind).toBe("call");
    expect(followUpEvent({ kind: "campaign", channel: "email", at: t0 }).kind).toBe("campaign");
    expect(classifyContact(followUpEvent({ kind: "follow-up", channel: "email", at: t0 })).class).toBe("personal");
    expect(classifyContact(followUpEvent({ kind: "note", channel: "", at: t0 })).class).toBe("none");
  });
});

describe("a platform notice and the buyer's own mail (R22: joined only on strong evidence)", () => {
  const notice = {
    id: "I-000010",
    channel: "platform",
    source: "alibaba",
    buyerId: "B-000007",
    fromEmail: "ahmed@alnoor-trading.ae",
    openedAt: new Date("2026-11-20T02:00:00Z"),
    status: "new",
    product: "P-0002 LED Flood Light 100W",
  };
  const mail = {
    buyerId: "B-000007",
    strong: true,
    address: "ahmed@alnoor-trading.ae",
    at: new Date("2026-11-22T02:00:00Z"),
    products: ["P-0002"],
    text: "Following my inquiry: 2,000 pcs FL-100",
  };

  it("R22: same buyer, the address the notice gave, within days, about the same product: one conversation", () => {
    const joined = platformConversationFor([notice], mail);
    expect(joined?.id).toBe("I-000010");
    expect(joined?.why).toContain("product P-0002");
    expect(platformConversationFor([notice], { ...mail, products: [], text: "I wrote you on Alibaba" })?.id).toBe(
      "I-000010",
    );
  });

  it("R22: anything weaker is a new conversation", () => {
    expect(platformConversationFor([notice], { ...mail, strong: false })).toBeUndefined();
    expect(platformConversationFor([notice], { ...mail, address: "info@alnoor-trading.ae" })).toBeUndefined();
    expect(platformConversationFor([notice], { ...mail, products: ["P-0005"], text: "panels" })).toBeUndefined();
    expect(platformConversationFor([notice], { ...mail, at: new Date("2026-12-05T02:00:00Z") })).toBeUndefined();
    expect(platformConversationFor([{ ...notice, status: "closed" }], mail)).toBeUndefined();
    expect(platformConversationFor([{ ...notice, buyerId: "B-000008" }], mail)).toBeUndefined();
  });
});
