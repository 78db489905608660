import type { GasContext } from "../core/context";
import { Blob } from "./blob";

/**
 * HtmlService. Reference: developers.google.com/apps-script/reference/html/html-service,
 * .../html-output, .../html-template and the templates guide (developers.google.com/apps-script/guides/html/templates).
 * Project files come from the constructor, keyed by name without ".html" (Apps Script accepts "Index" and
 * "Index.html" alike). The missing-file message is Apps Script's ("No HTML file named Index was found.").
 */
export const SandboxMode = { EMULATED: "EMULATED", IFRAME: "IFRAME", NATIVE: "NATIVE" } as const;
export const XFrameOptionsMode = { ALLOWALL: "ALLOWALL", DEFAULT: "DEFAULT" } as const;

export function noHtmlFileMessage(name: string): string {
  return `No HTML file named ${name} was found.`;
}

type HtmlOutputApi = GoogleAppsScript.HTML.HtmlOutput;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export class HtmlOutput
  implements
    Pick<
      HtmlOutputApi,
      | "getContent"
      | "setContent"
      | "append"
      | "appendUntrusted"
      | "clear"
      | "setTitle"
      | "getTitle"
      | "setWidth"
      | "getWidth"
      | "setHeight"
      | "getHeight"
      | "setSandboxMode"
      | "setXFrameOptionsMode"
      | "addMetaTag"
      | "setFaviconUrl"
      | "getFaviconUrl"
      | "getBlob"
      | "getAs"
    >
{
  private title = "";
  private width = 0;
  private height = 0;
  private faviconUrl = "";
  /** IFRAME is the only mode Apps Script still honours; the value is kept for inspection. */
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(private content = "") {}

  getContent(): string {
    return this.content;
  }

  /** The content without metering: for the emulator's own use (showing a sidebar reads no text in the script). */
  peekContent(): string {
    return this.content;
  }

  setContent(content: string): HtmlOutputApi {
    this.content = String(content);
    return this.self();
  }

  append(addedContent: string): HtmlOutputApi {
    this.content += String(addedContent);
    return this.self();
  }

  appendUntrusted(addedContent: string): HtmlOutputApi {
    this.content += escapeHtml(String(addedContent));
    return this.self();
  }

  clear(): HtmlOutputApi {
    this.content = "";
    return this.self();
  }

  getTitle(): string {
    return this.title;
  }

  setTitle(title: string): HtmlOutputApi {
    this.title = String(title);
    return this.self();
  }

  getWidth(): number {
    return this.width;
  }

  setWidth(width: number): HtmlOutputApi {
    this.width = Number(width);
    return this.self();
  }

  getHeight(): number {
    return this.height;
  }

  setHeight(height: number): HtmlOutputApi {
    this.height = Number(height);
    return this.self();
  }

  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutputApi {
    this.sandboxMode = String(mode);
    return this.self();
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutputApi {
    this.xFrameOptionsMode = String(mode);
    return this.self();
  }

  addMetaTag(name: string, content: string): HtmlOutputApi {
    this.metaTags.push({ name, content });
    return this.self();
  }

  getFaviconUrl(): string {
    return this.faviconUrl;
  }

  setFaviconUrl(iconUrl: string): HtmlOutputApi {
    this.faviconUrl = iconUrl;
    return this.self();
  }

  getBlob(): GoogleAppsScript.Base.Blob {
    return new Blob(this.content, "text/html", this.title || null) as unknown as GoogleAppsScript.Base.Blob;
  }

  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.getBlob().getAs(contentType);
  }

  private self(): HtmlOutputApi {
    return this as unknown as HtmlOutputApi;
  }
}

/**
 * A template: assign variables as properties, then evaluate(). Scriptlets follow the templates guide:
 * `<? code ?>`, `<?= printed and escaped ?>`, `<?!= printed raw ?>`.
 */
export class HtmlTemplate {
  [name: string]: unknown;

  constructor(
    private readonly raw: string,
    private readonly service: HtmlService,
  ) {}

  getRawContent(): string {
    return this.raw;
  }

  /** The generated JavaScript (not Apps Script's exact code, but the same shape: output.append…). */
  getCode(): string {
    return compileTemplate(this.raw);
  }

  evaluate(): HtmlOutputApi {
    this.service.meter("HtmlTemplate.evaluate");
    const output = new HtmlOutput();
    const scope: Record<string, unknown> = { ...this.service.globals };
    for (const key of Object.keys(this)) if (key !== "raw" && key !== "service") scope[key] = this[key];
    const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    const run = new Function("output", "__escape", ...names, compileTemplate(this.raw));
    run(output, escapeHtml, ...names.map((n) => scope[n]));
    return output as unknown as HtmlOutputApi;
  }
}

function compileTemplate(raw: string): string {
  let code = "";
  let rest = raw;
  for (;;) {
    const open = rest.indexOf("<?");
    if (open < 0) {
      if (rest) code += `output.append(${JSON.stringify(rest)});\n`;
      break;
    }
    if (open > 0) code += `output.append(${JSON.stringify(rest.slice(0, open))});\n`;
    const close = rest.indexOf("?>", open + 2);
    if (close < 0) throw new Error("Unterminated scriptlet in HTML template");
    const body = rest.slice(open + 2, close);
    if (body.startsWith("!=")) code += `output.append(String(${body.slice(2).trim()}));\n`;
    else if (body.startsWith("=")) code += `output.append(__escape(String(${body.slice(1).trim()})));\n`;
    else code += `${body}\n`;
    rest = rest.slice(close + 2);
  }
  return code;
}

export interface HtmlServiceOptions {
  /** Project HTML files by name without ".html". */
  files?: Record<string, string>;
  /** Top-level functions/values templates may call (e.g. an `include(name)` helper). */
  globals?: Record<string, unknown>;
}

type HtmlServiceApi = GoogleAppsScript.HTML.HtmlService;

export class HtmlService
  implements
    Pick<
      HtmlServiceApi,
      | "SandboxMode"
      | "XFrameOptionsMode"
      | "createHtmlOutput"
      | "createHtmlOutputFromFile"
      | "createTemplate"
      | "createTemplateFromFile"
    >
{
  readonly SandboxMode = SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;
  readonly globals: Record<string, unknown>;
  private readonly files: Record<string, string>;

  constructor(
    private readonly ctx: GasContext,
    options: HtmlServiceOptions = {},
  ) {
    this.files = options.files ?? {};
    this.globals = options.globals ?? {};
  }

  meter(method: string): void {
    this.ctx.call("Html.create", method);
  }

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutputApi {
    this.meter("HtmlService.createHtmlOutput");
    const content = html === undefined ? "" : typeof html === "string" ? html : html.getBlob().getDataAsString();
    return new HtmlOutput(content) as unknown as HtmlOutputApi;
  }

  createHtmlOutputFromFile(filename: string): HtmlOutputApi {
    this.meter("HtmlService.createHtmlOutputFromFile");
    return new HtmlOutput(this.file(filename)) as unknown as HtmlOutputApi;
  }

  /** Adds or replaces a project HTML file (loadProject registers a project's .html sources here). */
  addFile(filename: string, content: string): void {
    this.files[String(filename).replace(/\.html$/, "")] = content;
  }

  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): GoogleAppsScript.HTML.HtmlTemplate {
    this.meter("HtmlService.createTemplate");
    const raw = typeof html === "string" ? html : html.getBlob().getDataAsString();
    return new HtmlTemplate(raw, this) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
  }

  createTemplateFromFile(filename: string): GoogleAppsScript.HTML.HtmlTemplate {
    this.meter("HtmlService.createTemplateFromFile");
    return new HtmlTemplate(this.file(filename), this) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
  }

  private file(filename: string): string {
    const name = String(filename).replace(/\.html$/, "");
    const content = this.files[name];
    if (content === undefined) throw new Error(noHtmlFileMessage(name));
    return content;
  }
}
