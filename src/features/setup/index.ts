/** Setting up and upgrading the workbook: sheets, formats, dropdowns and protections. This file is the feature's public surface: other folders import only from here. */
export { allowSelfAway, SELF_SERVICE_COLUMNS } from "./self-service";
export { protectSheets, setupWorkbook } from "./setup";
