/** The language id of connector files (package.json `contributes.languages`). No dependencies: cheap to import. */
export const CONNECTOR_LANGUAGE = 'base44-connector';
