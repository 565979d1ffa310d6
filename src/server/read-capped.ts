// Reading a body without trusting its size: GoPay's answers and notifications are a few KB, so a larger one is cut off
// as soon as it is known to be larger — the rest is cancelled, never read. Shared by the client (answers) and
// verifyNotification (notification bodies).

/** The stream's text, or undefined once more than `maxBytes` arrived (counted as received, after decompression). */
export async function readCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string | undefined> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let size = 0; ;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}
