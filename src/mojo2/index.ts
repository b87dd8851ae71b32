/** Public surface of the MOJO2 (Driverless AI pipeline.mojo) container readers. */
export { PbMessage, readMessage } from './protobuf.ts';
export { parseToml, type TomlDocument, type TomlTable, type TomlValue } from './toml.ts';
export { readTensor, tensorLength, type EntryReader, type Tensor, type TensorType } from './tensor.ts';
export { MOJO2_PROTOBUF_ENTRY, MOJO2_TOML_ENTRY, mojo2Container, type Mojo2Container } from './container.ts';
