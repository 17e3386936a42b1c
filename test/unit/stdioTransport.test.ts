import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { BatchingStreamMessageWriter } from '../../server/src/node/stdioTransport';

/** A stream that records each system-call-sized write: one chunk, or one vectored batch. */
function recordingStream() {
  const writes: Buffer[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map((c) => c.chunk as Buffer));
      done();
    },
  });
  return { stream, writes };
}

test('each message is one buffer, header and body together, with the byte length of its UTF-8 body', async () => {
  const { stream, writes } = recordingStream();
  const writer = new BatchingStreamMessageWriter(stream);
  const message = { jsonrpc: '2.0', id: 1, result: { value: 'é ✓ 😀' } };
  await writer.write(message as never);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(writes.length, 1);
  assert.equal(writes[0].length, 1);
  const text = writes[0][0].toString('utf8');
  const body = JSON.stringify(message);
  assert.equal(text, `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
});

test('messages sent in the same tick leave in one vectored write; the next tick starts a new one', async () => {
  const { stream, writes } = recordingStream();
  const writer = new BatchingStreamMessageWriter(stream);
  for (let i = 0; i < 1000; i++)
    void writer.write({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { i } } as never);
  await new Promise((resolve) => setImmediate(resolve));
  void writer.write({ jsonrpc: '2.0', method: 'late' } as never);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    writes.map((w) => w.length),
    [1000, 1],
  );
  const all = Buffer.concat(writes.flat()).toString('utf8');
  assert.equal(all.match(/Content-Length: /g)?.length, 1001);
  assert.ok(all.endsWith('{"jsonrpc":"2.0","method":"late"}'));
});

test('a message that cannot be serialized is refused alone; the connection goes on', async () => {
  const { stream, writes } = recordingStream();
  const writer = new BatchingStreamMessageWriter(stream);
  const errors: unknown[] = [];
  writer.onError(([error]) => errors.push(error));
  await assert.rejects(writer.write({ jsonrpc: '2.0', id: 2, result: 10n } as never), /BigInt/);
  assert.equal(errors.length, 1);
  await writer.write({ jsonrpc: '2.0', id: 3, result: null } as never);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(
    Buffer.concat(writes.flat()).toString('utf8'),
    'Content-Length: 38\r\n\r\n{"jsonrpc":"2.0","id":3,"result":null}',
  );
});
