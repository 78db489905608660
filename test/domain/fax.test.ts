import { describe, expect, it } from "vitest";
import { compileFaxRules, DEFAULT_FAX_RULES, faxBuyerKey, readFaxSender } from "../../src/domain/fax";
import { buildBuyerIndex, matchSender } from "../../src/domain/matching";
import { FAXES } from "../fixtures/identity/faxes";

describe("R26: the sender of a fax is its number, never the gateway", () => {
  it.each(FAXES.map((f) => [f.name, f] as const))("R26: %s", (_n, f) => {
    const sender = readFaxSender(f);
    expect(sender.number).toBe(f.expect.number);
    expect(sender.country).toBe(f.expect.country);
    if (f.expect.name !== undefined) expect(sender.name).toBe(f.expect.name);
    if (f.expect.company !== undefined) expect(sender.company).toBe(f.expect.company);
    expect(sender.evidence[0]).toMatch(/carries the fax, not the buyer/);
    // The gateway's address is nowhere in the buyer's facts.
    expect(JSON.stringify({ ...sender, evidence: [], gateway: "" })).not.toContain(f.from.address);
  });

  it("R26: a number after 'Sender:' is the number, never the sender's name", () => {
    const fax = readFaxSender({
      from: { address: "no-reply@fax.plus" },
      subject: "New fax received from +234 803 555 0100",
      body: "Sender: +234 803 555 0100\nPages: 2",
    });
    expect([fax.number, fax.name]).toEqual(["+2348035550100", ""]);
  });

  it("R26: a withheld number gives an empty number and says so", () => {
    const withheld = readFaxSender(FAXES[FAXES.length - 1]);
    expect(withheld.evidence.join("\n")).toContain("number: the gateway did not give the sending number");
    expect(faxBuyerKey(withheld)).toBe("");
  });

  it("R22: two faxes from two numbers are two buyers; the same number twice is one", () => {
    const a = readFaxSender(FAXES[0]);
    const b = readFaxSender(FAXES[4]);
    expect(faxBuyerKey(a)).not.toBe(faxBuyerKey(b));
    const index = buildBuyerIndex([]);
    expect(matchSender(index, { address: "", fax: a.number }).kind).toBe("none");
    index.add({ id: "B-000010", email: "", company: "", name: "", phone: a.number });
    expect(matchSender(index, { address: "", fax: a.number })).toMatchObject({ kind: "contact", buyerId: "B-000010" });
    expect(matchSender(index, { address: "", fax: b.number }).kind).toBe("none");
  });

  it("gateway patterns are data: a Rules-sheet row adds a gateway, a bad row is reported", () => {
    const rows = [
      ...DEFAULT_FAX_RULES,
      {
        gateway: "srfax",
        fromPattern: "*@srfax.com",
        field: "number" as const,
        pattern: "Remote CSID:\\s*(\\+[\\d ]+)",
      },
      { gateway: "broken", fromPattern: "*@x.com", field: "number" as const, pattern: "(unclosed" },
    ];
    expect(compileFaxRules(rows).errors).toHaveLength(1);
    const s = readFaxSender(
      { from: { address: "fax@srfax.com" }, subject: "Fax received", body: "Remote CSID: +33 4 78 12 34 56" },
      rows,
    );
    expect(s).toMatchObject({ gateway: "srfax", number: "+33478123456", country: "FR" });
  });
});
