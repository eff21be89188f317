/**
 * Exports of the admin API: rows written as CSV or JSON lines ({@link dev.junction.export.ExportFormat}) and streamed
 * to the client a page at a time with the connection's back-pressure ({@link dev.junction.export.ExportStream}), so
 * that an export of any size holds one page in memory. Knows nothing of what the rows are; the admin API's
 * {@code ExportsResource} reads them.
 */
package dev.junction.export;
