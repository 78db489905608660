/** The chart type of the Dashboard's charts (an Apps Script enum, read when asked so tests can install it). */
export function barChartType(): GoogleAppsScript.Charts.ChartType {
  return Charts.ChartType.BAR;
}
