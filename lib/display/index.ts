/** Notebook display: charts (`show`) and tables (`showTable`) as Jupyter outputs, one place for both. */
export { show, chartBundle, VEGALITE_MIME, type ShowOptions } from "./show";
export { inKernel, type DisplayData } from "./jupyter-output";
export { showTable, tableText, tableHtml, tableBundle, type ShowTableOptions } from "./show-table";
export { selectColumns, type ColumnChoice } from "./table-columns";
