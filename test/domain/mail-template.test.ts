import { describe, expect, it } from "vitest";
import { BUYER_LANGS, chooseLanguage, toBuyerLang } from "../../src/domain/buyer-language";
import {
  MAIL_TEMPLATE_KEYS,
  type MailTemplateRow,
  renderMail,
  scanPlaceholders,
  TEMPLATE_SPECS,
  templateLanguage,
  validateTemplate,
  validateTemplates,
} from "../../src/domain/mail-template";
import { DEFAULT_MAIL_TEMPLATES } from "../../src/domain/mail-templates";

const row = (over: Partial<MailTemplateRow>): MailTemplateRow => ({
  key: "followup.D",
  language: "es",
  subject: "Seguimos a su disposición – {company.name}",
  body: "{greeting}\n\nHace un tiempo nos consultó sobre {inquiry.products}.\n\nSaludos cordiales,\n{sender.name}\n{company.name}",
  row: 7,
  ...over,
});

const VALUES = {
  greeting: "Estimado/a Carlos Pérez:",
  "sender.name": "Li Na",
  "company.name": "Ningbo Hengda Hardware Co., Ltd.",
  "inquiry.products": "bisagras de acero inoxidable HG-100",
};

describe("Templates sheet rows are validated where the assistant writes them (R31)", () => {
  it("R31: every built-in row is valid, and there is one per key in each of the seven languages", () => {
    expect(validateTemplates(DEFAULT_MAIL_TEMPLATES)).toEqual([]);
    expect(DEFAULT_MAIL_TEMPLATES).toHaveLength(MAIL_TEMPLATE_KEYS.length * BUYER_LANGS.length);
    for (const key of MAIL_TEMPLATE_KEYS)
      for (const lang of BUYER_LANGS)
        expect(DEFAULT_MAIL_TEMPLATES.filter((r) => r.key === key && r.language === lang)).toHaveLength(1);
  });

  it("R31: an unknown placeholder is an error naming template key, language and the placeholder", () => {
    const issues = validateTemplate(row({ body: "{greeting}\n{buyer.nmae}\n{sender.name}\n{company.name}" }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      key: "followup.D",
      language: "es",
      placeholder: "{buyer.nmae}",
      problem: "unknown-placeholder",
      row: 7,
    });
    expect(issues[0].message).toBe("Templates followup.D (es) row 7: unknown placeholder {buyer.nmae} in the body");
  });

  it("R9, R31: a missing required placeholder is an error (the profile must carry the fax, R9)", () => {
    const profile = DEFAULT_MAIL_TEMPLATES.find((r) => r.key === "company.profile" && r.language === "fr")!;
    const issues = validateTemplate({ ...profile, body: profile.body.replace("Fax : {company.fax}\n", "") });
    expect(issues.map((i) => [i.problem, i.placeholder, i.language])).toEqual([
      ["missing-placeholder", "{company.fax}", "fr"],
    ]);
  });

  it.each([
    ["{greeting}\n{sender.name", "{sender.name"],
    ["{greeting}\nsender.name}", "sender.name}"],
    ["{greeting}\n{{sender.name}}", "{{sender.name}"],
    ["{greeting}\n{ }", "{ }"],
  ])("R31: unbalanced or malformed braces are an error naming the fragment: %j", (body, fragment) => {
    const issues = validateTemplate(row({ body: `${body}\n{company.name}` }));
    const brace = issues.find((i) => i.problem === "unbalanced-braces");
    expect(brace?.placeholder).toContain(fragment.replace(/\n.*/, ""));
    expect(brace?.message).toMatch(/^Templates followup\.D \(es\) row 7: unbalanced or malformed braces/);
  });

  it("R31: unknown keys, unknown languages, empty subjects and duplicates are reported", () => {
    expect(validateTemplate(row({ key: "followup.E" }))[0].problem).toBe("unknown-key");
    expect(validateTemplate(row({ language: "de" }))[0]).toMatchObject({ problem: "unknown-language" });
    expect(validateTemplate(row({ subject: " " }))[0].problem).toBe("empty-subject");
    const dup = validateTemplates([row({}), row({ row: 9 })]);
    expect(dup).toEqual([expect.objectContaining({ problem: "duplicate", row: 9 })]);
  });

  it("scans placeholders in order", () => {
    expect(scanPlaceholders("{a} and { b.c } then {a}").names).toEqual(["a", "b.c", "a"]);
    expect(scanPlaceholders("no braces").names).toEqual([]);
  });
});

describe("the renderer refuses to leave anything a buyer should not read (R9, R31)", () => {
  it("R31: renders the sheet's row when there is one, dropping lines whose optional placeholder is empty", () => {
    const r = renderMail(
      [row({ body: `${row({}).body}\nCatálogo: {catalogue.link}` })],
      DEFAULT_MAIL_TEMPLATES,
      "followup.D",
      "es",
      {
        ...VALUES,
        "catalogue.link": "",
      },
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.body).not.toContain("Catálogo");
      expect(r.body).toContain("bisagras de acero inoxidable HG-100");
    }
  });

  it("R31: a placeholder without a value, or an empty one the text needs, is refused by name", () => {
    const missing = renderMail([row({})], DEFAULT_MAIL_TEMPLATES, "followup.D", "es", {
      ...VALUES,
      greeting: undefined as never,
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.issues[0]).toMatchObject({ problem: "no-value", placeholder: "{greeting}", language: "es" });
    const empty = renderMail([row({})], DEFAULT_MAIL_TEMPLATES, "followup.D", "es", { ...VALUES, "sender.name": " " });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.issues[0]).toMatchObject({ problem: "empty-value", placeholder: "{sender.name}" });
  });

  it.each([
    ["?", "inquiry.products"],
    ["B-000003 ?", "inquiry.products"],
    ["undefined", "inquiry.products"],
    ["???", "inquiry.products"],
  ])("R31: a value %j is refused, not printed", (value, name) => {
    const r = renderMail([row({})], DEFAULT_MAIL_TEMPLATES, "followup.D", "es", { ...VALUES, [name]: value });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].placeholder).toBe(`{${name}}`);
  });

  it("R31: an internal ID in the output is refused; the quotation number is allowed where it is a reference", () => {
    const id = renderMail([row({})], DEFAULT_MAIL_TEMPLATES, "followup.D", "es", {
      ...VALUES,
      "inquiry.products": "su consulta I-000123",
    });
    expect(id.ok).toBe(false);
    if (!id.ok) expect(id.issues[0].message).toMatch(/internal ID I-000123/);
    const quote = renderMail([], DEFAULT_MAIL_TEMPLATES, "followup.A", "es", {
      ...VALUES,
      "sender.title": "",
      "sender.phone": "",
      "sender.email": "",
      "company.website": "",
      "catalogue.link": "",
      "buyer.company": "",
      "quote.number": "Q-2026-0042",
      "quote.validUntil": "2026-12-23",
    });
    expect(quote.ok).toBe(true);
    if (quote.ok) expect(quote.body).toContain("Q-2026-0042");
  });

  it("R31: a product model that looks like an ID passes only when the caller vouches for it", () => {
    const values = { ...VALUES, "inquiry.products": "radiadores S-100000" };
    expect(renderMail([row({})], DEFAULT_MAIL_TEMPLATES, "followup.D", "es", values).ok).toBe(false);
    expect(renderMail([row({})], DEFAULT_MAIL_TEMPLATES, "followup.D", "es", values, ["S-100000"]).ok).toBe(true);
  });

  it("R31: an invalid row in the sheet is refused, never silently replaced by the default", () => {
    const r = renderMail([row({ body: "{greeting} {prodcts}" })], DEFAULT_MAIL_TEMPLATES, "followup.D", "es", VALUES);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.placeholder)).toContain("{prodcts}");
  });
});

describe("the buyer's language if a template exists, else English (R9, R31)", () => {
  it("R9: a German or Vietnamese buyer gets English; Spanish, Arabic and Russian get theirs", () => {
    expect(chooseLanguage({ writes: "de" })).toBe("en");
    expect(chooseLanguage({ writes: "vi" })).toBe("en");
    expect(chooseLanguage({ writes: "es" })).toBe("es");
    expect(chooseLanguage({ writes: "ar" })).toBe("ar");
    expect(chooseLanguage({ writes: "ru" })).toBe("ru");
    expect(chooseLanguage({ writes: "uk" })).toBe("en");
    expect(chooseLanguage({ writes: "zh" })).toBe("zh-CN");
    expect(chooseLanguage({ writes: "es", preferred: "English" })).toBe("en");
    expect(toBuyerLang("Português")).toBe("pt");
    expect(toBuyerLang("中文")).toBe("zh-CN");
  });

  it("R31: a key the sheet and the defaults lack in a language falls back to English", () => {
    const noSpanish = DEFAULT_MAIL_TEMPLATES.filter((r) => !(r.key === "followup.D" && r.language === "es"));
    expect(templateLanguage([], noSpanish, "followup.D", "es")).toBe("en");
    const r = renderMail([], noSpanish, "followup.D", "es", {
      ...VALUES,
      greeting: "Dear Carlos Pérez,",
      "sender.title": "",
      "sender.phone": "",
      "company.website": "",
      "catalogue.link": "",
    });
    expect(r.ok && r.language).toBe("en");
    expect(templateLanguage([], DEFAULT_MAIL_TEMPLATES, "followup.D", "es")).toBe("es");
  });

  it("R31: every key's required placeholders exist in its spec", () => {
    for (const key of MAIL_TEMPLATE_KEYS)
      for (const [name, rule] of Object.entries(TEMPLATE_SPECS[key].placeholders))
        if (rule.value) expect(rule.required, `${key} {${name}}`).toBe(true);
  });
});
