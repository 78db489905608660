import { describe, expect, it } from "vitest";
import { enrichSender, evidenceText } from "../../src/domain/enrich";
import { splitParts } from "../../src/domain/mail-parts";

const OWN = ["acme-lighting.cn"];
const notes = (facts: ReturnType<typeof enrichSender>, field: string) =>
  facts.evidence.filter((e) => e.field === field).map((e) => e.note);

describe("R22: bad input gives empty fields with a why, never a guess", () => {
  it("a signature that says nothing: no company, no country, and the notes say why", () => {
    const f = enrichSender({
      from: { name: "Mike", address: "mike@gmail.com" },
      body: "how much?\n\nThanks\nMike",
    });
    expect(f).toMatchObject({ company: "", country: "", phone: "", city: "" });
    expect(notes(f, "company").join()).toContain("no line of the signature names a company");
    expect(notes(f, "country").join()).toMatch(/no country.*no phone number.*gmail\.com is free mail/);
  });

  it("no signature at all is said so", () => {
    const f = enrichSender({ from: { name: "", address: "x@yahoo.com" }, body: "Price please" });
    expect(notes(f, "company")).toContain("no signature");
    expect(notes(f, "country").join()).toContain("no signature");
  });

  it("an unknown country name is not recognised, and nothing else is guessed", () => {
    const f = enrichSender({
      from: { name: "Tom Reed", address: "tom@gmail.com" },
      body: "Need 100 pcs.\n\nRegards,\nTom Reed\nCountry: Narnia",
    });
    expect(f.country).toBe("");
    expect(notes(f, "country")).toContain("country name not recognised: 'Narnia'");
  });

  it("a phone without country code gives no phone and no country on free mail", () => {
    const f = enrichSender({
      from: { name: "Klaus", address: "klaus@web.de" },
      body: "Preis?\n\nGruß\nKlaus\nTel. 0171 1234567",
    });
    expect(f.phone).toBe("");
    expect(f.country).toBe("");
    expect(notes(f, "phone")).toContain("phone has no country code: '0171 1234567'");
  });

  it("a phone without country code is read once the country is known from stronger evidence", () => {
    const f = enrichSender({
      from: { name: "Hans Müller", address: "h@elektro-nord.de" },
      body: "Angebot bitte.\n\nMit freundlichen Grüßen\nHans Müller\nElektro Nord GmbH\n20095 Hamburg\nTel.: 040 123 456 78",
    });
    expect(f.country).toBe("DE");
    expect(f.phone).toBe("+494012345678");
    expect(notes(f, "phone").join()).toContain("read as a Germany number (no country code written)");
  });

  it("an empty company field from a platform is empty, with the reason", () => {
    const f = enrichSender({ from: { address: "" }, body: "Price for 100 pcs", given: { company: "", country: "" } });
    expect(f.company).toBe("");
    expect(notes(f, "company")).toContain("the platform's company field is empty");
  });

  it("empty and hostile input never throws", () => {
    expect(() => enrichSender({})).not.toThrow();
    const long = enrichSender({ from: { address: "a@b.com" }, body: "x".repeat(100_000) });
    expect(long.company).toBe("");
  });
});

describe("R22: country by order of trust, with the evidence a person can check", () => {
  it("explicit text beats the phone's country code, which beats the domain", () => {
    const f = enrichSender({
      from: { name: "Rashid", address: "rashid@gulfbridge.com.sa" },
      body: "Please quote.\n\nRegards,\nRashid\nGulf Bridge LLC\nDeira, Dubai, U.A.E.\nWeChat: +86 138 0013 8000",
    });
    expect(f.country).toBe("AE");
    expect(evidenceText(f, "country")).toContain("signature text 'Deira, Dubai, U.A.E.'");
    expect(notes(f, "country").join()).toMatch(/\+86 138 0013 8000 says China, weaker/);
    expect(notes(f, "country").join()).toMatch(/domain \.sa says Saudi Arabia, weaker/);
  });

  it("the phone's country code when the text names no country", () => {
    const f = enrichSender({
      from: { address: "omar@levantlights.com" },
      body: "Price?\n\nOmar Haddad\nLevant Lights\nTel: +962 6 555 1234",
    });
    expect(f).toMatchObject({ country: "JO", countryName: "Jordan", phone: "+96265551234" });
    expect(evidenceText(f, "country")).toBe("country: phone +962 6 555 1234");
  });

  it("the company domain's country code last, never a generic or vanity domain", () => {
    const onCc = enrichSender({ from: { address: "a@lichtdirect.nl" }, body: "Offer please" });
    expect(onCc.country).toBe("NL");
    expect(evidenceText(onCc, "country")).toBe("country: domain .nl");
    expect(enrichSender({ from: { address: "a@lumenstack.io" }, body: "Offer please" }).country).toBe("");
    expect(enrichSender({ from: { address: "a@lumen.com" }, body: "Offer please" }).country).toBe("");
  });

  it("a place the buyer says they are in counts below the phone; 'from China' is our side", () => {
    const lagos = enrichSender({ from: { address: "p@gmail.com" }, body: "I need 300 lights for my shop in Lagos." });
    expect(lagos.country).toBe("NG");
    const china = enrichSender({ from: { address: "p@gmail.com" }, body: "We import lights from China." });
    expect(china.country).toBe("");
  });

  it("two countries at one level and nothing to choose: empty, saying so", () => {
    const f = enrichSender({
      from: { address: "x@gmail.com" },
      body: "Hi\n\nRegards\nOffices: Dubai, UAE | Riyadh, Saudi Arabia",
    });
    expect(f.country).toBe("");
    expect(notes(f, "country").join()).toContain("several countries named (United Arab Emirates, Saudi Arabia)");
  });

  it("two countries and a phone in one of them: the phone decides", () => {
    const f = enrichSender({
      from: { address: "x@gmail.com" },
      body: "Hi\n\nRegards\nOffices: Dubai, UAE | Riyadh, Saudi Arabia\nTel: +966 11 465 0000",
    });
    expect(f.country).toBe("SA");
  });
});

describe("R22: only what the buyer wrote is read", () => {
  const reply = `Please send the price.

Best regards,
Ivan Petrov
ООО «Светлый Дом»

On Mon, 3 Jun 2024 at 10:00, Ann Li <ann.li@acme-lighting.cn> wrote:
> Ann Li
> Acme Lighting Co., Ltd.
> Tel: +86 755 2345 6789
> Shenzhen, China`;

  it("our quoted reply (our company, our phone, our city) is never the buyer's", () => {
    const f = enrichSender({ from: { name: "Ivan Petrov", address: "ivan@mail.ru" }, body: reply, ownDomains: OWN });
    expect(f.company).toBe("ООО «Светлый Дом»");
    expect(f.phone).toBe("");
    expect(f.country).toBe("");
  });

  it("splits a body into the new text, quoted history and forwarded messages", () => {
    const parts = splitParts(reply, "Re: price");
    expect(parts.map((p) => p.kind)).toEqual(["new", "quoted"]);
    expect(parts[1].from?.address).toBe("ann.li@acme-lighting.cn");
    const fwd = splitParts(
      "FYI\n\n---------- Forwarded message ---------\nFrom: Dan <dan@x.sg>\nDate: today\n\nNeed panels",
      "Fwd: x",
    );
    expect(fwd.map((p) => p.kind)).toEqual(["new", "forwarded"]);
    expect(fwd[1].from?.address).toBe("dan@x.sg");
  });

  it("a message of ours forwarded back to us is not read as the buyer's", () => {
    const f = enrichSender({
      from: { address: "buyer@gmail.com" },
      subject: "Fwd: offer",
      body: "See below\n\n---------- Forwarded message ---------\nFrom: Ann Li <ann.li@acme-lighting.cn>\nDate: today\n\nRegards\nAcme Lighting Co., Ltd.\nTel: +86 755 2345 6789",
      ownDomains: OWN,
    });
    expect(f.company).toBe("");
    expect(f.country).toBe("");
  });
});
