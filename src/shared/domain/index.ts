// Pure domain rules shared by the server and the web client: no I/O, no clock (callers pass
// `now`/`today`), nothing Node-only.
export * from './application-number';
export * from './dates';
export * from './edrpou';
export * from './names';
export * from './phone';
export * from './renewal';
export * from './rnokpp';
export * from './status';
