import type { GasContext } from "../core/context";
import { type DriveItem, NO_ACCESS_MESSAGE } from "../core/files";
import type { DocModel } from "./model";

/** Apps Script's text when a script touches a Document after saveAndClose(). */
export const DOCUMENT_CLOSED = "Document is closed, its contents cannot be updated.";
/**
 * A viewer editing a Doc. Seen as "Exception: Action not allowed." when a script edits a document its user
 * has no edit rights to (github.com/evbacher/gd2md-html/issues/44).
 */
export const ACTION_NOT_ALLOWED = "Action not allowed";

/**
 * One open Document: the Drive item, its model, and the metering + access gate every element goes
 * through. Order matters: count (and maybe fault) first, then check, then the caller mutates, so an
 * injected fault leaves the Doc unchanged.
 */
export class DocHandle {
  closed = false;

  constructor(
    readonly ctx: GasContext,
    readonly item: DriveItem,
    readonly model: DocModel,
  ) {}

  read(method: string): void {
    this.ctx.call("Docs.read", method);
    this.assertOpen();
    if (!this.ctx.files.can(this.item, this.ctx.effectiveUser, "view")) {
      throw new Error(NO_ACCESS_MESSAGE);
    }
  }

  edit(method: string, units = 1): void {
    this.ctx.call("Docs.edit", method, units);
    this.assertOpen();
    if (!this.ctx.files.can(this.item, this.ctx.effectiveUser, "edit")) throw new Error(ACTION_NOT_ALLOWED);
    this.item.updated = this.ctx.clock.now();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(DOCUMENT_CLOSED);
  }
}
