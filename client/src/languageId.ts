/** The language id of connector files (package.json `contributes.languages`). No dependencies: cheap to import. */
export const CONNECTOR_LANGUAGE = 'base44-connector';

/** The language id of function configs (`function.json(c)` under a project's functions folder). */
export const FUNCTION_CONFIG_LANGUAGE = 'base44-function-config';
