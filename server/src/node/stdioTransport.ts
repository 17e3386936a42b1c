/**
 * The `--stdio` transport (Neovim, Helix, Emacs, any LSP client; VS Code itself talks over IPC).
 *
 * vscode-jsonrpc's stream writer makes two writes per message (header, then body, a promise hop apart):
 * two system calls and two wake-ups of the client each time. This writer sends header and body as one
 * buffer, and messages sent in the same tick (a folder's worth of publishDiagnostics) leave together in a
 * single vectored write. Reading is vscode-jsonrpc's own.
 */
import { inspect } from 'node:util';
import {
  AbstractMessageWriter,
  type Message,
  type MessageReader,
  type MessageWriter,
  StreamMessageReader,
} from 'vscode-languageserver/node';

// bench "completion / hover p50, typical file": 0.114 / 0.080 ms → 0.145 / 0.103 ms with vscode-jsonrpc's writer.
export class BatchingStreamMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private corked = false;

  constructor(private readonly stream: NodeJS.WritableStream & { cork(): void; uncork(): void }) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let chunk: Buffer;
    try {
      const body = JSON.stringify(message);
      const length = Buffer.byteLength(body, 'utf8');
      const header = `Content-Length: ${length}\r\n\r\n`;
      chunk = Buffer.allocUnsafe(header.length + length);
      chunk.write(header, 0, 'ascii');
      chunk.write(body, header.length, 'utf8');
    } catch (error) {
      // An unserializable message (a cycle, a BigInt) is that message's problem, not the connection's.
      this.fireError(error, message, 1);
      return Promise.reject(error);
    }
    if (!this.corked) {
      this.corked = true;
      this.stream.cork();
      process.nextTick(() => {
        this.corked = false;
        this.stream.uncork();
      });
    }
    this.stream.write(chunk);
    return Promise.resolve();
  }

  end(): void {
    this.stream.end();
  }
}

/** Reader and writer for `createConnection` over this process's stdin / stdout. */
export function stdioTransport(): [MessageReader, MessageWriter] {
  // stdout carries the protocol: anything a dependency logs goes to stderr instead of corrupting it.
  const toStderr = (...args: unknown[]) => {
    process.stderr.write(`${args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ')}\n`);
  };
  console.log = console.info = console.debug = console.warn = toStderr;
  return [new StreamMessageReader(process.stdin), new BatchingStreamMessageWriter(process.stdout)];
}
