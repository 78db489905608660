import type { GasContext } from "../core/context";
import { type DriveItem, NO_ACCESS_MESSAGE } from "../core/files";
import { baseUser, emailOf } from "../core/users";
import { DOCUMENT_MIME, grant, revoke, rootFolderOf, urlOf } from "../drive/items";
import { BodyElement } from "./elements";
import { Attribute, ElementType, GlyphType, HorizontalAlignment, ParagraphHeading } from "./enums";
import { DocHandle } from "./handle";
import { DocModel } from "./model";

type DocumentApi = GoogleAppsScript.Document.Document;
type UserArg = string | GoogleAppsScript.Base.User;

/** Reference: developers.google.com/apps-script/reference/document/document */
export class EmulatedDocument
  implements
    Pick<
      DocumentApi,
      | "getId"
      | "getName"
      | "setName"
      | "getUrl"
      | "getBody"
      | "saveAndClose"
      | "getEditors"
      | "getViewers"
      | "addEditor"
      | "addEditors"
      | "addViewer"
      | "addViewers"
      | "removeEditor"
      | "removeViewer"
    >
{
  constructor(readonly handle: DocHandle) {}

  toString(): string {
    return "Document";
  }

  private get ctx(): GasContext {
    return this.handle.ctx;
  }

  /** The document's data, for exporters and tests (not part of Apps Script). */
  get model(): DocModel {
    return this.handle.model;
  }

  getId(): string {
    this.handle.read("Document.getId");
    return this.handle.item.id;
  }

  getName(): string {
    this.handle.read("Document.getName");
    return this.handle.item.name;
  }

  setName(name: string): DocumentApi {
    this.handle.edit("Document.setName");
    this.handle.item.name = String(name);
    return this as unknown as DocumentApi;
  }

  getUrl(): string {
    this.handle.read("Document.getUrl");
    return urlOf(this.handle.item);
  }

  getBody(): GoogleAppsScript.Document.Body {
    this.handle.read("Document.getBody");
    return new BodyElement(this.handle, this.handle.model.body) as unknown as GoogleAppsScript.Document.Body;
  }

  /** Flushes and closes: any later use of this Document (or its elements) throws. */
  saveAndClose(): void {
    this.ctx.call("Docs.save", "Document.saveAndClose");
    this.handle.closed = true;
  }

  getEditors(): GoogleAppsScript.Base.User[] {
    this.handle.read("Document.getEditors");
    const item = this.handle.item;
    const canEdit = this.ctx.files.can(item, this.ctx.effectiveUser, "edit");
    // The owner comes first and is always there (gas-fakes' live run: test/testdocs.js, "except owner").
    return canEdit ? withOwner(item.owner, item.editors).map(baseUser) : [];
  }

  getViewers(): GoogleAppsScript.Base.User[] {
    this.handle.read("Document.getViewers");
    const item = this.handle.item;
    const canEdit = this.ctx.files.can(item, this.ctx.effectiveUser, "edit");
    // The owner is listed as a viewer too ("all viewers removed except owner, who is also a viewer").
    return canEdit ? withOwner(item.owner, new Set([...item.viewers, ...item.commenters])).map(baseUser) : [];
  }

  addEditor(user: UserArg): DocumentApi {
    return this.share("addEditor", [user], "editor", true);
  }

  addEditors(emailAddresses: string[]): DocumentApi {
    return this.share("addEditors", emailAddresses, "editor", true);
  }

  addViewer(user: UserArg): DocumentApi {
    return this.share("addViewer", [user], "viewer", true);
  }

  addViewers(emailAddresses: string[]): DocumentApi {
    return this.share("addViewers", emailAddresses, "viewer", true);
  }

  removeEditor(user: UserArg): DocumentApi {
    return this.share("removeEditor", [user], "editor", false);
  }

  removeViewer(user: UserArg): DocumentApi {
    return this.share("removeViewer", [user], "viewer", false);
  }

  /** Sharing goes to the same Drive item DriveApp and SpreadsheetApp see. */
  private share(method: string, users: UserArg[], role: "editor" | "viewer", add: boolean): DocumentApi {
    this.ctx.call("Drive.share", `Document.${method}`);
    for (const u of users) {
      if (add) grant(this.ctx, this.handle.item, emailOf(u), role);
      else revoke(this.ctx, this.handle.item, emailOf(u), role);
    }
    return this as unknown as DocumentApi;
  }
}

function withOwner(owner: string, others: Iterable<string>): string[] {
  const o = owner.toLowerCase();
  return [o, ...[...others].filter((e) => e.toLowerCase() !== o).sort()].filter(Boolean);
}

/**
 * DocumentApp over ctx.files. Documents are DriveItems of type application/vnd.google-apps.document whose
 * content is a DocModel. Reference: developers.google.com/apps-script/reference/document/document-app
 */
export class EmulatedDocumentApp
  implements
    Pick<
      GoogleAppsScript.Document.DocumentApp,
      | "create"
      | "openById"
      | "openByUrl"
      | "getActiveDocument"
      | "ParagraphHeading"
      | "GlyphType"
      | "HorizontalAlignment"
      | "Attribute"
      | "ElementType"
    >
{
  readonly ParagraphHeading = ParagraphHeading as unknown as typeof GoogleAppsScript.Document.ParagraphHeading;
  readonly GlyphType = GlyphType as unknown as typeof GoogleAppsScript.Document.GlyphType;
  readonly HorizontalAlignment = HorizontalAlignment as unknown as typeof GoogleAppsScript.Document.HorizontalAlignment;
  readonly Attribute = Attribute as unknown as typeof GoogleAppsScript.Document.Attribute;
  readonly ElementType = ElementType as unknown as typeof GoogleAppsScript.Document.ElementType;

  /** For container-bound scripts: the Doc getActiveDocument() returns (null for standalone scripts). */
  activeDocumentId: string | null = null;

  constructor(private readonly ctx: GasContext) {}

  toString(): string {
    return "DocumentApp";
  }

  /** A new Doc in the creator's My Drive, owned by the effective user. */
  create(name: string): DocumentApi {
    this.ctx.call("Docs.create", "DocumentApp.create");
    const owner = this.ctx.effectiveUser.toLowerCase();
    const root = rootFolderOf(this.ctx, owner);
    const item = this.ctx.files.add({
      id: this.ctx.files.newId("doc"),
      name: String(name),
      mimeType: DOCUMENT_MIME,
      owner,
      created: this.ctx.clock.now(),
      parents: new Set([root.id]),
      content: new DocModel(),
    });
    return this.wrap(item);
  }

  openById(id: string): DocumentApi {
    this.ctx.call("Docs.open", "DocumentApp.openById");
    return this.wrap(this.ctx.files.assertAccess(String(id), this.ctx.effectiveUser, "view"));
  }

  openByUrl(url: string): DocumentApi {
    this.ctx.call("Docs.open", "DocumentApp.openByUrl");
    const m = /\/document\/d\/([\w-]+)/.exec(String(url));
    if (!m) throw new Error(NO_ACCESS_MESSAGE);
    return this.wrap(this.ctx.files.assertAccess(m[1], this.ctx.effectiveUser, "view"));
  }

  getActiveDocument(): DocumentApi {
    this.ctx.call("Docs.open", "DocumentApp.getActiveDocument");
    if (!this.activeDocumentId) return null as unknown as DocumentApi;
    return this.wrap(this.ctx.files.assertAccess(this.activeDocumentId, this.ctx.effectiveUser, "view"));
  }

  private wrap(item: DriveItem): DocumentApi {
    if (item.mimeType !== DOCUMENT_MIME || !(item.content instanceof DocModel)) throw new Error(NO_ACCESS_MESSAGE);
    return new EmulatedDocument(new DocHandle(this.ctx, item, item.content)) as unknown as DocumentApi;
  }
}
