/**
 * What an emulated project keeps between runs besides the workbook: properties, installed triggers, Drive
 * files and folders (Docs with their content), and the mail the project composed (drafts, sent mail, mail
 * delivered between mailboxes) plus the labels of mail loaded from the mail folder. The CLI saves it beside
 * the book (`book.xlsx.state.json`) so that `pull` twice in a row behaves like two real pulls, and a report
 * or a draft made in one run is still there in the next.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { GasEnvironment, TriggerRecord } from "@buyerbook/gas-emulator";
import {
  loadMailDir,
  restoreComposedMail,
  restoreDrive,
  restoreMailLabels,
  type SavedDrive,
  type SavedMail,
  saveDrive,
  saveMail,
} from "@buyerbook/gas-emulator";

export interface SavedState {
  /** 1: properties, triggers and labels only; 2 adds `drive` and `gmail`. */
  version: 1 | 2;
  clock: string;
  /** Whose the workbook is (the Drive owner). */
  owner?: string;
  scriptProperties: Record<string, string>;
  documentProperties: Record<string, string>;
  userProperties: Record<string, Record<string, string>>;
  triggers: TriggerRecord[];
  /** Version 1 only: mailbox -> RFC Message-ID -> labels (version 2 keeps them in `gmail`). */
  mail?: Record<string, Record<string, { labels: string[] }>>;
  drive?: SavedDrive;
  gmail?: SavedMail;
}

export function captureState(env: GasEnvironment, users: string[]): SavedState {
  const { ctx } = env;
  return ctx.meter.quietly(() => {
    const userProperties: Record<string, Record<string, string>> = {};
    for (const u of users)
      userProperties[u] = ctx.runAs(u, () => env.PropertiesService.getUserProperties().getProperties());
    return {
      version: 2,
      clock: ctx.clock.now().toISOString(),
      scriptProperties: env.PropertiesService.getScriptProperties().getProperties(),
      documentProperties: env.PropertiesService.getDocumentProperties()?.getProperties() ?? {},
      userProperties,
      triggers: [...env.ScriptApp.allTriggers()],
      drive: saveDrive(ctx.files),
      gmail: saveMail(env.mail),
    };
  });
}

/**
 * Restores a saved state (if any) and loads the mail folder (if any), in the order that keeps threads whole:
 * composed mail first, so replies in the folder thread onto it; labels last, so they win over the folder's.
 */
export async function restoreState(
  env: GasEnvironment,
  state: SavedState | undefined,
  options: { keepClock?: boolean; mailDir?: string } = {},
): Promise<void> {
  const { ctx } = env;
  if (state?.gmail) await restoreComposedMail(env.mail, state.gmail);
  if (options.mailDir) await loadMailDir(env.mail, options.mailDir);
  if (!state) return;
  ctx.meter.quietly(() => {
    if (!options.keepClock) ctx.clock.set(state.clock);
    env.PropertiesService.getScriptProperties().setProperties(state.scriptProperties);
    env.PropertiesService.getDocumentProperties()?.setProperties(state.documentProperties);
    for (const [u, props] of Object.entries(state.userProperties)) {
      ctx.runAs(u, () => env.PropertiesService.getUserProperties().setProperties(props));
    }
    (env.ScriptApp.allTriggers() as TriggerRecord[]).push(...state.triggers);
    if (state.drive) restoreDrive(ctx.files, state.drive);
    if (state.gmail) restoreMailLabels(env.mail, state.gmail);
    for (const [address, byRfc] of Object.entries(state.mail ?? {})) {
      const box = env.mail.mailbox(address);
      for (const [rfc, saved] of Object.entries(byRfc)) {
        const m = box.findByRfcId(rfc);
        if (m) m.labels = new Set(saved.labels);
      }
    }
  });
}

export function readStateFile(path: string): SavedState | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as SavedState;
}

export function writeStateFile(path: string, state: SavedState): void {
  writeFileSync(path, `${JSON.stringify(state, null, 1)}\n`);
}
