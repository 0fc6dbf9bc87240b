export { type ApplicationPdfData, applicationTitle, renderApplicationPdf } from './application.pdf';
export { FONT_BOLD_PATH, FONT_REGULAR_PATH } from './fonts';
export { proposedSubject, renderStatementPdf, STATEMENT_TITLE, type StatementPdfData, type SubjectAttribute } from './statement.pdf';
