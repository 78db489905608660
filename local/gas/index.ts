/** The offline Apps Script emulator: see README "The emulator" for what it covers and how to use it. */
export { Clock } from "./core/clock";
export { GasContext, type GasContextOptions } from "./core/context";
export { COST_TABLE, type CostEntry, costOf } from "./core/costs";
export { FileRegistry, NO_ACCESS_MESSAGE } from "./core/files";
export { type CallRecord, InjectedFault, Meter } from "./core/meter";
export { createGasEnvironment, GasEnvironment, type GasEnvironmentOptions } from "./environment";
export { type LoadedProject, loadProject } from "./project";
