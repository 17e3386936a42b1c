/** The error shown when the project has no `base44/.app.jsonc` (no app to push to or pull from). */
import type { CliError } from '../cli/cliErrors';

export function noAppLinked(): CliError {
  return {
    kind: 'noAppLinked',
    message:
      'This project is not linked to a Base44 app yet (no base44/.app.jsonc). Link it with "base44 link", then try again.',
    nextSteps: ['linkApp'],
  };
}
