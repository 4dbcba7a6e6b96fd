/**
 * @packageDocumentation
 * Protocol insight: building blocks that explain FTP in the transcript.
 * Pure modules (decode, replyCodes, explain, grouping, sequence, commands,
 * capabilities) and React components (LineExplanation, SequenceView,
 * CommandConsole, CapabilitiesPanel).
 */
export * from './decode.ts';
export * from './detail.ts';
export * from './replyCodes.ts';
export * from './explain.ts';
export * from './replyContext.ts';
export * from './certLine.ts';
export * from './grouping.ts';
export * from './sequence.ts';
export * from './commands.ts';
export * from './capabilities.ts';
export { ExplanationPanel, ReplyDetails, type ExplanationPanelProps, type ReplyDetailsProps } from './ExplanationPanel.tsx';
export { LineExplanation, KIND_LABEL_KEYS, type LineExplanationProps } from './LineExplanation.tsx';
export { SequenceView, describeStep, ladderCaption, type SequenceViewProps } from './SequenceView.tsx';
export { CommandConsole, type CommandConsoleProps } from './CommandConsole.tsx';
export { CapabilitiesPanel, type CapabilitiesPanelProps } from './CapabilitiesPanel.tsx';
