// How kubectl prints an error from the server (cmdutil.CheckErr and
// StandardErrorMessage): a 422 is rewritten from its details as `The Deployment "web"
// is invalid: <field>: <message>` (several causes as a "* " list), everything else is
// `Error from server (<Reason>): <message>`, and an object read from a file or stdin
// gets `error when creating "STDIN": ` in front of the message (AddSourceToErr). A
// request that reached no server prints as transport-errors.ts says.

import { formatStatus, type Status } from '../api/wire';

export interface ErrorSource {
  /** "creating", "retrieving current configuration of" … */
  readonly verb: string;
  /** "STDIN" for `-f -`. */
  readonly file: string;
}

export function kubectlError(s: Status, source?: ErrorSource): string {
  // A transport failure is no Status: AddSourceToErr wraps the url.Error itself, and
  // CheckErr prints it after "error: ".
  if (s.transport && source) return `error: error when ${source.verb} ${JSON.stringify(source.file)}: ${s.transport.error}`;
  const d = s.details;
  if (s.reason === 'Invalid' && d && (d.kind || d.name)) {
    const head = `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`;
    const msgs = [...new Set((d.causes ?? []).map((c) => `${c.field}: ${c.message}`))];
    if (msgs.length === 0) return head;
    if (msgs.length === 1) return `${head}: ${msgs[0]}`;
    return `${head}: \n${msgs.map((m) => `* ${m}`).join('\n')}`;
  }
  return formatStatus(source ? { ...s, message: `error when ${source.verb} ${JSON.stringify(source.file)}: ${s.message}` } : s);
}
