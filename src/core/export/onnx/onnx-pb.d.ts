// Types for the part of the generated onnx-pb.js (scripts/onnx-schema.ts) that proto.ts uses.
interface StaticMessage {
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
  verify(message: object): string | null;
}
export const onnx: { ModelProto: StaticMessage };
