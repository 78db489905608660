/**
 * What an emulated project keeps between runs besides the workbook: properties, installed triggers and the
 * Gmail labels/read state of each mailbox. The CLI saves it beside the book (`book.xlsx.state.json`) so
 * that `pull` twice in a row behaves like two real pulls, not like a fresh install.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { GasEnvironment } from "../gas/environment";
import type { TriggerRecord } from "../gas/services";

export interface SavedState {
  version: 1;
  clock: string;
  /** Whose the workbook is (the Drive owner). */
  owner?: string;
  scriptProperties: Record<string, string>;
  documentProperties: Record<string, string>;
  userProperties: Record<string, Record<string, string>>;
  triggers: TriggerRecord[];
  /** mailbox -> RFC Message-ID -> user labels and flags. */
  mail: Record<string, Record<string, { labels: string[] }>>;
}

export function captureState(env: GasEnvironment, users: string[]): SavedState {
  const { ctx } = env;
  return ctx.meter.quietly(() => {
    const userProperties: Record<string, Record<string, string>> = {};
    for (const u of users)
      userProperties[u] = ctx.runAs(u, () => env.PropertiesService.getUserProperties().getProperties());
    const mail: SavedState["mail"] = {};
    for (const address of env.mail.users()) {
      const box = env.mail.mailbox(address);
      const byRfc: Record<string, { labels: string[] }> = {};
      for (const thread of box.sortedThreads()) {
        for (const m of thread.messages) {
          if (m.content.messageId) byRfc[m.content.messageId] = { labels: [...m.labels] };
        }
      }
      mail[address] = byRfc;
    }
    return {
      version: 1,
      clock: ctx.clock.now().toISOString(),
      scriptProperties: env.PropertiesService.getScriptProperties().getProperties(),
      documentProperties: env.PropertiesService.getDocumentProperties()?.getProperties() ?? {},
      userProperties,
      triggers: [...env.ScriptApp.allTriggers()],
      mail,
    };
  });
}

export function restoreState(env: GasEnvironment, state: SavedState, options: { keepClock?: boolean } = {}): void {
  const { ctx } = env;
  ctx.meter.quietly(() => {
    if (!options.keepClock) ctx.clock.set(state.clock);
    env.PropertiesService.getScriptProperties().setProperties(state.scriptProperties);
    env.PropertiesService.getDocumentProperties()?.setProperties(state.documentProperties);
    for (const [u, props] of Object.entries(state.userProperties)) {
      ctx.runAs(u, () => env.PropertiesService.getUserProperties().setProperties(props));
    }
    (env.ScriptApp.allTriggers() as TriggerRecord[]).push(...state.triggers);
    for (const [address, byRfc] of Object.entries(state.mail)) {
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
