// The scorer's task topics, in the order of assembly/topics.txt and of the topic_* features
// (assembly/layout.ts). The Scorer refuses a wasm or a model fitted for other topics.
export const TOPIC_NAMES = [
  "math",
  "code",
  "logic",
  "planning",
  "science",
  "writing",
  "roleplay",
  "chitchat",
  "facts",
  "extract",
  "advice",
  "business",
  "medicine",
  "law",
  "language",
] as const;
