// QTI 3.0 export and QTI 3.0 / 2.1 / 2.2 import, over a map of files: zipping and unzipping are
// the service's (src/service/zip.ts), so this stays pure.
export { exportQti3, type QtiExport } from './export.ts';
export { importQti, QtiImportError, QTI_IMPORT_LIMITS, type QtiImport } from './import.ts';
