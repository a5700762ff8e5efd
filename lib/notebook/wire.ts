/**
 * Jupyter messages on the wire (messaging protocol 5.3,
 * https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol):
 *
 *   [routing ids..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...]
 *
 * The signature is HMAC-SHA256 (hex) over the four JSON frames, keyed with the
 * connection file's key.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = Buffer.from("<IDS|MSG>");

export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message<Content = Record<string, unknown>> {
  header: MessageHeader;
  /** The header of the request this message answers; `{}` for requests. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Content;
}

/** Hex HMAC-SHA256 of the frames; "" when the key is empty (signing disabled). */
export function sign(key: string, frames: readonly (string | Buffer)[]): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/** A new request with a fresh msg_id. */
export function request<C>(msgType: string, content: C, session: string): Message<C> {
  return {
    header: {
      msg_id: randomUUID(),
      session,
      username: "consensus-lab",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: {},
    metadata: {},
    content,
  };
}

/** Frames to send from a DEALER socket (no routing ids). */
export function encode(key: string, message: Message<unknown>): Buffer[] {
  const body = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(JSON.stringify(part)),
  );
  return [DELIMITER, Buffer.from(sign(key, body)), ...body];
}

/** Parses received frames (routing ids or a PUB topic may precede the delimiter); checks the signature. */
export function decode(key: string, frames: readonly Buffer[]): Message {
  const at = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (at < 0 || frames.length < at + 6) throw new Error("malformed Jupyter message: no <IDS|MSG> delimiter or missing frames");
  const signature = frames[at + 1];
  const body = frames.slice(at + 2, at + 6);
  const expected = Buffer.from(sign(key, body));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected))
    throw new Error("Jupyter message with a wrong HMAC signature");
  const [header, parent_header, metadata, content] = body.map((frame) => JSON.parse(frame.toString("utf8")));
  return { header, parent_header, metadata, content };
}
