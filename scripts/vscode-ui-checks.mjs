export async function runUiChecks() { return []; }
