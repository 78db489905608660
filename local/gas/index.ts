/** The offline Apps Script emulator: see local/gas/README.md for what it covers and how to use it. */
export { Clock } from "./core/clock";
export { GasContext, type GasContextOptions } from "./core/context";
export { COST_TABLE, type CostEntry, costOf } from "./core/costs";
export { FileRegistry, NO_ACCESS_MESSAGE } from "./core/files";
export { type CallRecord, InjectedFault, Meter } from "./core/meter";
export { createGasEnvironment, GasEnvironment, type GasEnvironmentOptions } from "./environment";
export { restoreComposedMail, restoreDrive, restoreMailLabels, saveDrive, saveMail } from "./persist";
export { type LoadedProject, loadProject } from "./project";
